"""Keras-native quantization: model.quantize("int8") or "int4" on a trained Keras 3 model."""

import os

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# The same data, model and training as the TFLite recipe above.
digits = load_digits()
x = (digits.images / 16.0).astype(np.float32)[..., np.newaxis]  # (1797, 8, 8, 1) in [0, 1]
x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.2, random_state=0)
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, batch_size=32, verbose=0)

print(f"{'model':<16}{'weights':>9}{'.keras file':>13}  test accuracy")
for mode in ["float32", "int8", "int4", "float8"]:
    copy = keras.models.clone_model(model)  # a copy of the trained model, to quantize
    copy.set_weights(model.get_weights())
    if mode != "float32":
        copy.quantize(mode)  # in place; it warns for the layers that cannot be quantized
    copy.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    copy.save(f"{mode}.keras", include_optimizer=False)
    weights_kb = sum(np.asarray(w).nbytes for w in copy.weights) / 1024
    file_kb = os.path.getsize(f"{mode}.keras") / 1024
    accuracy = copy.evaluate(x_test, y_test, verbose=0)[1]
    print(f"{'Keras ' + mode:<16}{weights_kb:>7.1f}KB{file_kb:>11.1f}KB  {accuracy:.2f}")

# A quantized model saves and reloads like any other .keras file.
reloaded = keras.models.load_model("int4.keras")
print("\nint4.keras reloaded, dtype policy per layer:")
for layer in reloaded.layers:
    print(f"  {layer.name:<8} {layer.dtype_policy.name}")
print("its first Dense layer's variables:")
for weight in reloaded.layers[2].weights:
    print(f"  {weight.name:<12} {weight.dtype:<8} {tuple(weight.shape)}")

# GPTQ and AWQ calibrate on data (and a tokenizer): they need a GPTQConfig or AWQConfig.
for mode in ["gptq", "awq"]:
    try:
        model.quantize(mode)
    except ValueError as error:
        print(f"quantize({mode!r}): ValueError: {error}")

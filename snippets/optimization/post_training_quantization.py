"""Post-training quantization: float32, float16, dynamic-range and full-integer TFLite models."""

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

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
keras_accuracy = model.evaluate(x_test, y_test, verbose=0)[1]


def representative_dataset():
    """A few hundred real inputs: the converter measures activation ranges on them."""
    for image in x_train[:200]:
        yield [image[np.newaxis]]


def convert(kind: str) -> bytes:
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if kind != "float32":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]  # quantize the weights
    if kind == "float16":
        converter.target_spec.supported_types = [tf.float16]  # float16 weights, not int8
    if kind == "int8":
        converter.representative_dataset = representative_dataset
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    return converter.convert()


def accuracy(tflite_model: bytes) -> float:
    runner = Interpreter(model_content=tflite_model).get_signature_runner()
    ((input_name, input_detail),) = runner.get_input_details().items()
    images = x_test
    if input_detail["dtype"] == np.int8:  # int8 input: quantize with the model's own scale
        scale, zero_point = input_detail["quantization"]
        images = np.round(x_test / scale + zero_point).astype(np.int8)
    (output,) = runner(**{input_name: images}).values()
    return float(np.mean(output.argmax(axis=1) == y_test))


keras.config.disable_interactive_logging()  # else the conversion prints a temporary path
tflite_models = {kind: convert(kind) for kind in ["float32", "float16", "dynamic range", "int8"]}
keras.config.enable_interactive_logging()  # it also hides summary() and progress bars

print(f"{'model':<22}{'bytes':>9}  {'input':<8} test accuracy")
print(f"{'Keras (float32)':<22}{'':>9}  {'float32':<8} {keras_accuracy:.2f}")
for kind, tflite_model in tflite_models.items():
    input_type = Interpreter(model_content=tflite_model).get_input_details()[0]["dtype"]
    print(
        f"{'TFLite ' + kind:<22}{len(tflite_model):>9,}  {input_type.__name__:<8} "
        f"{accuracy(tflite_model):.2f}"
    )

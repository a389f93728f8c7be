"""Magnitude pruning with tfmot: train under a sparsity schedule, strip, count the zeros."""

import gzip
import math
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # before TensorFlow loads: tfmot needs Keras 2

import numpy as np
import tensorflow_model_optimization as tfmot
import tf_keras as keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target, test_size=0.2, random_state=0
)


def gzipped(model: keras.Model) -> str:
    """The size of the model's weights after gzip, as a share of their raw size."""
    raw = b"".join(weights.tobytes() for weights in model.get_weights())
    return f"{len(gzip.compress(raw)) / len(raw):.0%}"


model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, verbose=0)
accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"dense model:  test accuracy {accuracy:.2f}, weights gzip to {gzipped(model)}")

# Raise each layer's share of zeroed (smallest) weights from 0 to 80 % over the fine-tuning,
# pruning every 10 steps. The default frequency, 100, is more steps than a short run has.
epochs, batch_size = 3, 32
end_step = epochs * math.ceil(len(x_train) / batch_size)  # 135 steps
schedule = tfmot.sparsity.keras.PolynomialDecay(
    initial_sparsity=0.0, final_sparsity=0.8, begin_step=0, end_step=end_step, frequency=10
)
pruned = tfmot.sparsity.keras.prune_low_magnitude(model, pruning_schedule=schedule)
pruned.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# UpdatePruningStep advances the schedule's step: without it, fit() raises.
callbacks = [tfmot.sparsity.keras.UpdatePruningStep()]
pruned.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, callbacks=callbacks, verbose=0)

final = tfmot.sparsity.keras.strip_pruning(pruned)  # back to plain Dense layers
final.compile(metrics=["accuracy"])
accuracy = final.evaluate(x_test, y_test, verbose=0)[1]
print(f"pruned model: test accuracy {accuracy:.2f}, weights gzip to {gzipped(final)}")
for layer in final.layers:
    kernel = layer.kernel.numpy()
    print(f"{layer.name}: kernel {kernel.shape}, {np.mean(kernel == 0):.0%} zeros")

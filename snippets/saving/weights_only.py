"""Weights only: save_weights/load_weights need a name ending in .weights.h5."""

import keras
import numpy as np

keras.utils.set_random_seed(42)


def build():
    """The architecture lives in code; the file holds only the numbers."""
    return keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)]
    )


model = build()
model.save_weights("my_checkpoint.weights.h5")

fresh = build()  # same architecture, new random weights
x = np.random.rand(5, 4)
print("before load_weights, same predictions:", np.array_equal(model(x), fresh(x)))
fresh.load_weights("my_checkpoint.weights.h5")
print("after load_weights, same predictions: ", np.array_equal(model(x), fresh(x)))

# TF2-era code saved a TensorFlow checkpoint under a bare prefix, or used a plain .h5 name.
for name in ("my_checkpoint", "my_checkpoint.h5"):
    try:
        model.save_weights(name)
    except ValueError as error:
        print(f"save_weights({name!r}) -> ValueError: {error}")

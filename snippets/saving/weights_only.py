"""Weights only: save_weights/load_weights need a name ending in .weights.h5."""

import os

import h5py
import keras
import numpy as np

keras.utils.set_random_seed(42)


def build():
    """The architecture lives in code; the file holds only variables."""
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

# The file holds the layers' variables, and the optimizer's once fit() has built it.
with h5py.File("my_checkpoint.weights.h5") as file:
    print("uncompiled model's file holds:", list(file))
model.compile(optimizer="adam", loss="mean_squared_error")
model.fit(x, np.zeros((5, 3)), verbose=0)  # builds the optimizer: Adam's slots appear
model.save_weights("trained.weights.h5")
with h5py.File("trained.weights.h5") as file:
    print(
        "after compile and fit:", list(file), "| optimizer variables:", len(file["optimizer/vars"])
    )

# TF2-era code saved a TensorFlow checkpoint under a bare prefix, or used a plain .h5 name.
for name in ("my_checkpoint", "my_checkpoint.h5"):
    try:
        model.save_weights(name)
    except ValueError as error:
        print(f"save_weights({name!r}) -> ValueError: {error}")

# With max_shard_size (in GB) the weights go to shard files, indexed by a .weights.json file.
model.save_weights("sharded.weights.json", max_shard_size=0.25)
print("sharded:", sorted(f for f in os.listdir() if f.startswith("sharded")))
fresh.load_weights("sharded.weights.json")  # fresh had the weights from before fit()
print("loaded from the shards, same predictions:", np.array_equal(model(x), fresh(x)))

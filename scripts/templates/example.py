"""SLUG: TODO one line, what this recipe shows."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

# TODO: replace with the recipe. Keep it standalone, seeded, offline and quick,
# and print what the page shows (shapes, rounded numbers, caught errors).
inputs = np.ones((4, 3), dtype="float32")
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
print("input shape: ", inputs.shape)
print("output shape:", model.predict(inputs, verbose=0).shape)

"""A predict() that fails on a wrong shape, then the same model on the right one."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
right, wrong = np.zeros((1, 4), dtype="float32"), np.zeros((1, 5), dtype="float32")

try:
    model.predict(wrong, verbose=0)  # 5 features where the model takes 4
except ValueError as error:
    print("predict() on (1, 5) fails:", type(error).__name__)
print("predict() on (1, 4):", model.predict(right, verbose=0).shape)
print("model(x) on (1, 4):", tuple(model(right).shape))

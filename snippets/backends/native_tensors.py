"""keras.ops returns the backend's own tensor type; convert_to_numpy gives NumPy on any backend."""

import keras
import numpy as np

keras.utils.set_random_seed(42)


def name_of(value):
    return f"{type(value).__module__}.{type(value).__qualname__}"


x = keras.ops.ones((2, 3))
print("backend:", keras.backend.backend())
print("keras.ops.ones(...):", name_of(x))
print("keras.ops.is_tensor:", keras.ops.is_tensor(x), "| a NumPy array?", isinstance(x, np.ndarray))

model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
print("model(x):        ", name_of(model(x)))
print("model.predict(x):", name_of(model.predict(x, verbose=0)))  # NumPy on every backend
print("a weight's value:", name_of(model.weights[0].value))

array = keras.ops.convert_to_numpy(keras.ops.sum(x, axis=-1))  # the portable way to NumPy
print("convert_to_numpy:", name_of(array), array.dtype, array)

"""Setting KERAS_BACKEND after keras was imported changes nothing in this process."""

import os

import keras

print("imported with:", keras.backend.backend())
os.environ["KERAS_BACKEND"] = "numpy"  # too late: keras read the variable on import
print("KERAS_BACKEND is now:", os.environ["KERAS_BACKEND"])
print("keras.backend.backend():", keras.backend.backend())
print("type of a keras.ops result:", type(keras.ops.ones(2)).__name__)

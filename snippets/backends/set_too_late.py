"""Setting KERAS_BACKEND after keras was imported changes nothing in this process."""

import os

import keras

print("imported with:", keras.backend.backend())
os.environ["KERAS_BACKEND"] = "numpy"  # too late: keras read the variable on import
print("KERAS_BACKEND is now:", os.environ["KERAS_BACKEND"])
print("keras.backend.backend():", keras.backend.backend())
print("type of a keras.ops result:", type(keras.ops.ones(2)).__name__)

# keras.config.set_backend() sets the variable, drops keras from sys.modules and imports it
# again: import keras once more to get the new module. Objects made before stay on the old one.
keras.config.set_backend("numpy")
import keras  # noqa: E402

print("after set_backend('numpy'):", keras.backend.backend(), type(keras.ops.ones(2)).__name__)

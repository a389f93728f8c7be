"""tf.keras resolves to Keras 3, the keras package; KERAS_BACKEND picks its backend; keras.ops."""

import os
import subprocess
import sys
from importlib.metadata import packages_distributions, requires

import keras
import numpy as np
import tensorflow as tf

# TensorFlow depends on the separate keras package, and tf.keras resolves to a module of it.
package = packages_distributions()["tensorflow"][0]  # tensorflow, or tf-nightly
print("tensorflow requires keras:", any(r.startswith("keras") for r in requires(package)))
print("tf.keras.Model is keras.Model:", tf.keras.Model is keras.Model)
print("tf.keras.layers.Dense is keras.layers.Dense:", tf.keras.layers.Dense is keras.layers.Dense)
print("same version:", tf.keras.__version__ == keras.__version__)
print("tf.keras is the module:", tf.keras.__name__)  # a compatibility namespace of keras
# It adds Keras 2 leftovers, such as backend functions that keras.backend no longer has.
extra = sorted(set(dir(tf.keras.backend)) - set(dir(keras.backend)))
kept = [name for name in ("int_shape", "batch_dot", "set_value") if name in extra]
print(f"names in tf.keras.backend, not in keras.backend: {len(extra)}, e.g. {kept}")

# KERAS_BACKEND, read when keras is first imported, picks the library that runs the ops.
print("keras.backend.backend():", keras.backend.backend())
other = subprocess.run(
    [sys.executable, "-c", "import keras"],
    env={**os.environ, "KERAS_BACKEND": "nonsense"},
    capture_output=True,
    text=True,
)
print("with KERAS_BACKEND=nonsense:", other.stderr.strip().splitlines()[-1])

# keras.ops: NumPy-style functions that run on the backend and accept any tensor.
x = np.array([[1.0, 2.0], [3.0, 4.0]], dtype="float32")
symbolic = keras.Input(shape=(2,))
for name, value in [("NumPy array", x), ("tf.Tensor", tf.constant(x)), ("KerasTensor", symbolic)]:
    result = keras.ops.sum(value, axis=-1)
    print(f"keras.ops.sum(<{name}>) -> {type(result).__name__} {tuple(result.shape)}")

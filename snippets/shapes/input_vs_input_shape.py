"""keras.Input(shape=...) or input_shape= on the first layer: the same model; Keras 3 warns."""

import textwrap
import warnings

from tensorflow import keras

# Preferred: an explicit Input describes one sample (no batch axis).
preferred = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
print("keras.Input(shape=(8,)) ->", preferred.input_shape)

# TF2-era style: input_shape= on the first layer of a Sequential model. Keras 3 accepts it
# with a warning, given when the layer is created.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy = keras.Sequential([keras.layers.Dense(4, input_shape=(8,))])
print("Dense(4, input_shape=(8,)) ->", legacy.input_shape)
print("warnings:", len(caught))
for warning in caught:
    print(textwrap.fill(f"{warning.category.__name__}: {warning.message}", width=80))

# In a functional model input_shape= is ignored: the Input says 3 features, and wins.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    dense = keras.layers.Dense(2, input_shape=(8,))
inputs = keras.Input(shape=(3,))
outputs = dense(inputs)
print("Input(shape=(3,)), then Dense(2, input_shape=(8,)) ->", outputs.shape)
print("  its kernel:", tuple(dense.kernel.shape), " warnings:", len(caught))

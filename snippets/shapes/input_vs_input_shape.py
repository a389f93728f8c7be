"""keras.Input(shape=...) is the Keras 3 way; input_shape= on a layer still works but warns."""

import warnings

import keras

# Preferred: an explicit Input describes one sample (no batch axis).
preferred = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
print("keras.Input(shape=(8,)) ->", preferred.input_shape)

# TF2-era style: input_shape= on the first layer. Keras 3 accepts it with a warning.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy = keras.Sequential([keras.layers.Dense(4, input_shape=(8,))])
print("Dense(4, input_shape=(8,)) ->", legacy.input_shape)
for warning in caught:
    print(f"{warning.category.__name__}: {str(warning.message)[:70]}...")

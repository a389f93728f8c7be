"""Dropout on sequences: noise_shape=(None, 1, features) drops the same features at every step."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

BATCH, TIMESTEPS, FEATURES = 2, 4, 6
x = np.ones((BATCH, TIMESTEPS, FEATURES), "float32")  # kept values become 2.0, dropped ones 0


def kept(dropout, inputs):
    """1 where the value was kept, 0 where it was dropped (training=True turns dropout on)."""
    return (np.asarray(dropout(inputs, training=True)) != 0).astype(int)


plain = kept(keras.layers.Dropout(0.5), x)
print("Dropout(0.5): sample 0, rows = timesteps, columns = features")
print(plain[0])
per_sequence = kept(keras.layers.Dropout(0.5, noise_shape=(None, 1, FEATURES)), x)
print("Dropout(0.5, noise_shape=(None, 1, FEATURES)): sample 0")
print(per_sequence[0])
print("same mask at every timestep:", (per_sequence == per_sequence[:, :1]).all())
print("same mask for both samples: ", (per_sequence[0] == per_sequence[1]).all())
spatial = kept(keras.layers.SpatialDropout1D(0.5), x)
print("SpatialDropout1D, same at every timestep:", (spatial == spatial[:, :1]).all())
print("not applied at inference:", np.array_equal(keras.layers.Dropout(0.5)(x), x))

# A fixed batch size in noise_shape breaks on any other batch size (a last, smaller batch).
fixed = keras.layers.Dropout(0.5, noise_shape=(BATCH, 1, FEATURES))
try:
    fixed(np.ones((3, TIMESTEPS, FEATURES), "float32"), training=True)
except tf.errors.InvalidArgumentError as error:
    print("noise_shape=(2, 1, 6) on a batch of 3:", type(error).__name__)

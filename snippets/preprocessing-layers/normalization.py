"""Normalization: adapt() learns each feature's mean and variance from the data."""

import keras
import numpy as np

# Two features on very different scales: about 10 and about 1000.
data = np.array(
    [[9.0, 1100.0], [10.0, 900.0], [11.0, 1000.0], [12.0, 1200.0], [8.0, 800.0]],
    dtype="float32",
)

norm = keras.layers.Normalization()  # axis=-1: one mean and variance per feature
norm.adapt(data)
print("mean:    ", np.round(keras.ops.convert_to_numpy(norm.mean), 3).tolist())
print("variance:", np.round(keras.ops.convert_to_numpy(norm.variance), 3).tolist())

# The layer computes (x - mean) / max(sqrt(variance), epsilon): mean 0, std 1 per column.
out = keras.ops.convert_to_numpy(norm(data))
print("normalized batch:")
print(np.round(out, 3))
print("column means:", np.round(out.mean(axis=0), 3).tolist())
print("column stds: ", np.round(out.std(axis=0), 3).tolist())

# The statistics are fixed after adapt(): a new batch is scaled with them.
print("new batch:", np.round(keras.ops.convert_to_numpy(norm([[10.0, 1000.0]])), 3))

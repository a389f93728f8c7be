"""x[[0]] keeps the indexed axis: it equals np.expand_dims(x[0], axis=0)."""

import numpy as np

rng = np.random.RandomState(3)
x = rng.uniform(-0.5, 0.5, size=(10, 1, 2))

print("x[0]   ", x[0], x[0].shape)  # a plain integer drops the first axis
print("x[[0]] ", x[[0]], x[[0]].shape)  # a list keeps it, with one entry
expanded = np.expand_dims(x[0], axis=0)
print("np.expand_dims(x[0], axis=0)", expanded, expanded.shape)
print("same values:", np.array_equal(x[[0]], expanded))

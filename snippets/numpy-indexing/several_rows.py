"""A list index picks rows in any order, repeats allowed: advanced indexing."""

import numpy as np

x = np.arange(12).reshape(6, 2)  # 6 rows of 2 values

rows = [0, 3, 5]
print("x[[0, 3, 5]] has shape", x[rows].shape)
print(x[rows])
print("x[[0]] has shape", x[[0]].shape, "and x[0] has shape", x[0].shape)
print("repeats and order:", x[[5, 5, 0]].tolist())
# Advanced indexing copies; basic slicing (x[0:1]) gives a view of the same memory.
print("x[[0]] shares memory with x:", np.shares_memory(x[[0]], x))
print("x[0:1] shares memory with x:", np.shares_memory(x[0:1], x))
# Only integers index this way: a list of booleans is a mask, one per row; floats are refused.
print(
    "x[[True, False, True, False, False, False]]:",
    x[[True, False, True, False, False, False]].tolist(),
)
try:
    x[[0.0]]
except IndexError as error:
    print("x[[0.0]] raises", type(error).__name__)

"""x[[0]] is NumPy advanced indexing; on a tf.Tensor, by default, t[[0]] means t[0]."""

import numpy as np
import tensorflow as tf

x = np.arange(12).reshape(6, 2)  # 6 samples of 2 features, as a NumPy array
t = tf.constant(x)  # the same values, as a tf.Tensor

rows = [
    ("x[[0]]", x[[0]]),
    ("t[[0]]", t[[0]]),
    ("t[0]", t[0]),
    ("tf.gather(t, [0])", tf.gather(t, [0])),
    ("t[0:1]", t[0:1]),
    ("t[0][None]", t[0][None]),
    ("tf.gather(t, [0, 3, 5])", tf.gather(t, [0, 3, 5])),
]
for label, value in rows:
    print(f"{label:<24}{type(value).__name__:<12}shape {tuple(value.shape)}")

print("t[[0]] equals t[0]:", bool(tf.reduce_all(t[[0]] == t[0])))
try:
    t[[0, 3, 5]]  # read as t[0, 3, 5]: three indices for a 2-D tensor
except tf.errors.InvalidArgumentError as error:
    print("t[[0, 3, 5]] raises", type(error).__name__)

# A boolean mask works when it is a bool tensor or NumPy array, not a Python list of bools.
keep = [True, False, True, False, False, False]
print(
    "t[np.array(keep)]:",
    tuple(t[np.array(keep)].shape),
    " t[tf.constant(keep)]:",
    tuple(t[tf.constant(keep)].shape),
)
try:
    t[keep]  # read as one index per axis, like any list
except tf.errors.InvalidArgumentError as error:
    print("t[keep] with keep a list of bools raises", type(error).__name__)

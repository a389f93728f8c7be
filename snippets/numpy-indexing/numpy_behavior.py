"""With TensorFlow's NumPy behaviour switched on, a tf.Tensor takes a list index as NumPy does."""

import numpy as np
import tensorflow as tf

t = tf.constant(np.arange(12).reshape(6, 2))
print("default:          t[[0]]", tuple(t[[0]].shape))

# A switch for the whole process, with no function to turn it off: run it in a program of its own.
tf.experimental.numpy.experimental_enable_numpy_behavior()
t = tf.constant(np.arange(12).reshape(6, 2))
print("NumPy behaviour:  t[[0]]", tuple(t[[0]].shape), " t[[0, 3, 5]]", tuple(t[[0, 3, 5]].shape))

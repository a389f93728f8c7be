"""Static shape at trace time (x.shape) versus runtime shape (tf.print(tf.shape(x)))."""

import sys

import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32)])
def describe(x):
    # Python print runs once, while tracing: only the static shape is known.
    print("print, x.shape:", x.shape)
    # tf.print runs on every call, with the real tensor. It writes to stderr
    # unless told otherwise.
    tf.print("tf.print, tf.shape(x):", tf.shape(x), output_stream=sys.stdout)
    return tf.reduce_sum(x)


print("-- two calls of the tf.function:")
for rows in (2, 5):
    describe(tf.ones((rows, 3)))

# Outside a graph there is nothing to trace: the static shape is the full shape.
print("-- the plain Python function, run eagerly:")
describe.python_function(tf.ones((4, 3)))

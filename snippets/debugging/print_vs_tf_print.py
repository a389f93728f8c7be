"""Inside a tf.function, print() runs while tracing; tf.print() runs on every call."""

import sys

import tensorflow as tf


@tf.function
def add_one(x):
    print("print:   ", x)  # Python: runs once per trace, sees a symbolic tensor
    tf.print("tf.print:", x, output_stream=sys.stdout)  # a graph op: runs every call
    return x + 1


for value in (1, 2, 3):
    add_one(tf.constant(value))

print("-- a float input needs a new trace, so print() runs once more:")
add_one(tf.constant(1.5))
add_one(tf.constant(2.5))
print("traces:", add_one.experimental_get_tracing_count())

# For debugging only: run every tf.function eagerly, so print() sees values.
print("-- with tf.config.run_functions_eagerly(True):")
tf.config.run_functions_eagerly(True)
add_one(tf.constant(4))
tf.config.run_functions_eagerly(False)  # a global switch: turn it back off

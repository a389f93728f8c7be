"""Functions given to tf.data are traced even under run_functions_eagerly: use its debug mode."""

import tensorflow as tf


def double(x):
    print("  print in map():", x)
    return 2 * x


tf.config.run_functions_eagerly(True)
print("tf.config.run_functions_eagerly(True):")
print("  values:", [int(y) for y in tf.data.Dataset.range(2).map(double)])
tf.config.run_functions_eagerly(False)

tf.data.experimental.enable_debug_mode()  # for the whole process; before building the dataset
print("tf.data.experimental.enable_debug_mode():")
print("  values:", [int(y) for y in tf.data.Dataset.range(2).map(double)])

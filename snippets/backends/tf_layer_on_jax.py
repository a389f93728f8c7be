"""A layer written with tf.* functions, on the JAX backend: eagerly, and in a model."""

import os

os.environ["KERAS_BACKEND"] = "jax"  # before keras is first imported: this process runs on JAX

import keras
import tensorflow as tf

print("backend:", keras.backend.backend())


class TFSum(keras.layers.Layer):
    """Sums the features with tf.reduce_sum: TensorFlow code, not keras.ops."""

    def call(self, x):
        return tf.reduce_sum(x, axis=-1, keepdims=True)


# Eagerly, TensorFlow converts the JAX array and returns a TensorFlow tensor, not a JAX one.
print("TFSum()(JAX array) returns:", type(TFSum()(keras.ops.ones((2, 4)))).__name__)
try:  # building a model traces call() with JAX, and tf.reduce_sum gets a JAX tracer
    keras.Sequential([keras.Input(shape=(4,)), TFSum()])
except AttributeError as error:  # not the real error: see the text under this block
    print("TFSum in a model:", type(error).__name__, "-", str(error).splitlines()[0])

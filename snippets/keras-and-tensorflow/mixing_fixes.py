"""Three ways to put a TensorFlow-style op inside a functional model."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
inputs = keras.Input(shape=(4,))
b = keras.layers.Dense(3)(inputs)

# 1. keras.ops: the same operations, written for KerasTensors (and any backend).
with_ops = keras.ops.sum(b, axis=-1, keepdims=True)

# 2. A Lambda layer wraps any function of tensors, tf.* included.
with_lambda = keras.layers.Lambda(lambda t: tf.reduce_sum(t, axis=-1, keepdims=True))(b)


# 3. A custom layer: call() receives real tensors, so tf.* works there.
class RowSum(keras.layers.Layer):
    def call(self, t):
        return tf.reduce_sum(t, axis=-1, keepdims=True)


with_layer = RowSum()(b)

model = keras.Model(inputs, [with_ops, with_lambda, with_layer])
ops_out, lambda_out, layer_out = model.predict(np.arange(8.0).reshape(2, 4), verbose=0)
print("keras.ops:", ops_out.ravel().round(3))
print("Lambda:   ", lambda_out.ravel().round(3))
print("Layer:    ", layer_out.ravel().round(3))
print("all equal:", np.allclose(ops_out, lambda_out) and np.allclose(ops_out, layer_out))

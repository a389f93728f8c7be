"""A layer written for tf.keras 2, run unchanged: what build() receives, and add_weight()."""

import numpy as np
import tensorflow as tf


class Linear(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        print(f"build() receives a {type(input_shape).__name__}: {input_shape}")
        print("  it has .as_list():", hasattr(input_shape, "as_list"))
        shape = (input_shape[-1], self.units)
        try:
            self.w = self.add_weight("w", shape=shape)  # the name as first argument
            print("add_weight('w', shape=...) works")
        except ValueError as error:
            print(f"add_weight('w', shape=...) -> ValueError: {error}")
            self.w = self.add_weight(name="w", shape=shape)  # by keyword: works in both
            print("add_weight(name='w', shape=...) works")

    def call(self, inputs):
        return tf.matmul(inputs, self.w)


outputs = Linear(2)(np.ones((4, 3), dtype="float32"))
print("output shape:", tuple(outputs.shape))

# The decorator that registers a custom class for saving
try:
    register = tf.keras.saving.register_keras_serializable
    print("tf.keras.saving.register_keras_serializable: found")
except AttributeError as error:
    print(f"tf.keras.saving -> AttributeError: {error}")
    print("tf.keras.utils has it:", hasattr(tf.keras.utils, "register_keras_serializable"))
    from tensorflow.keras.saving import register_keras_serializable as register

    exists = hasattr(tf.keras, "saving")
    print("after `from tensorflow.keras.saving import ...`, tf.keras.saving exists:", exists)
register(package="cookbook")(Linear)
print("registered as:", tf.keras.utils.get_registered_name(Linear))

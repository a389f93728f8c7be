"""Functional models: Python operators work on KerasTensors; tf.* functions no longer do."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

inputs = keras.Input(shape=(4,))
b = keras.layers.Dense(3)(inputs)  # Keras
c = b * 2  # an operator on a KerasTensor: fine (it becomes a Keras op)
d = keras.layers.Dense(1)(c)  # Keras
model = keras.Model(inputs, d)
print("c = b * 2 ->", type(c).__name__, tuple(c.shape))
print("model output:", model.predict(np.ones((2, 4)), verbose=0).shape)

# TensorFlow functions on the symbolic KerasTensor of a functional model:
attempts = {
    "tf.matmul(b, w)": lambda: tf.matmul(b, tf.ones((3, 2))),
    "tf.reduce_sum(b)": lambda: tf.reduce_sum(b, axis=-1),
    "tf.concat([b, b])": lambda: tf.concat([b, b], axis=-1),
}
for code, attempt in attempts.items():
    try:
        result = attempt()
    except ValueError as error:
        result = error
    outcome = (
        f"ValueError: {str(result).split('. ')[0]}."
        if isinstance(result, ValueError)
        else f"works, {type(result).__name__} {tuple(result.shape)}"
        f" from a {type(result._keras_history.layer).__name__} layer"  # tf.keras 2 wraps it
    )
    print(f"{code}: {outcome}")

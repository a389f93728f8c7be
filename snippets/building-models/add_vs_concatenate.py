"""Add needs equal shapes; Concatenate only needs equal shapes off the joining axis."""

import re

import keras
import numpy as np
import tensorflow as tf
from keras import layers


def show(label, merge, tensors):
    """Print the merged shape, or the error."""
    try:
        print(f"{label:<50} -> {merge(tensors).shape}")
    except ValueError as error:
        print(f"{label:<50} -> ValueError:\n    {error}")


a4 = keras.Input(shape=(4,))
b4 = keras.Input(shape=(4,))
b6 = keras.Input(shape=(6,))
b1 = keras.Input(shape=(1,))
show("Add [(None, 4), (None, 4)]", layers.Add(), [a4, b4])
show("Add [(None, 4), (None, 6)]", layers.Add(), [a4, b6])
show("Add [(None, 4), (None, 1)]", layers.Add(), [a4, b1])  # size 1 broadcasts
show("Concatenate [(None, 4), (None, 6)]", layers.Concatenate(), [a4, b6])

# Concatenate joins along one axis (the last by default); every other axis must match.
steps5 = keras.Input(shape=(5, 3))  # 5 steps of 3 features
steps4 = keras.Input(shape=(4, 3))  # 4 steps of 3 features
show("Concatenate [(None, 5, 3), (None, 4, 3)]", layers.Concatenate(), [steps5, steps4])
show(
    "Concatenate(axis=1) [(None, 5, 3), (None, 4, 3)]", layers.Concatenate(axis=1), [steps5, steps4]
)

# A None (unknown) size cannot be checked while the model is built: only when data flows.
any_width = keras.Input(shape=(None,))
show("Add [(None, None), (None, 4)]", layers.Add(), [any_width, b4])
model = keras.Model([any_width, b4], layers.Add()([any_width, b4]))
data = [np.ones((2, 3)), np.ones((2, 4))]  # widths 3 and 4
# TensorFlow's words: in predict (a tf.function) and in an eager call
message = re.compile(
    r"Dimensions must be equal, but are \d+ and \d+|Incompatible shapes: \S+ vs\. \S+"
)
for label, run in [
    ("model.predict(widths 3 and 4)", lambda: model.predict(data, verbose=0)),
    ("model(widths 3 and 4)", lambda: model(data)),
]:
    try:
        run()
    except (ValueError, tf.errors.InvalidArgumentError) as error:
        print(f"{label:<50} -> {type(error).__name__}:\n    {message.search(str(error)).group()}")

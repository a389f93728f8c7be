"""Add needs equal shapes; Concatenate only needs equal shapes off the joining axis."""

import keras
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

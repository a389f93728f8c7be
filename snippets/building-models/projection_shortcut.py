"""A block that changes the channels (or strides) needs a 1x1 convolution on the shortcut."""

import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 16))
y = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
y = layers.Conv2D(32, 3, padding="same")(y)  # (None, 32, 32, 32)

try:
    layers.Add()([inputs, y])  # 16 channels + 32 channels
except ValueError as error:
    print("Add([inputs, y]) -> ValueError:", error)

shortcut = layers.Conv2D(32, 1, name="projection")(inputs)  # 16 -> 32 channels
outputs = layers.Add()([shortcut, y])
model = keras.Model(inputs, outputs)
print("with a projection:", outputs.shape)
print("projection parameters:", model.get_layer("projection").count_params())

# A block with strides=2 also halves the height and width: the projection needs the same stride.
z = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(inputs)
z = layers.Conv2D(32, 3, padding="same")(z)  # (None, 16, 16, 32)
try:
    layers.Add()([layers.Conv2D(32, 1)(inputs), z])
except ValueError as error:
    print("strides=2, projection without strides -> ValueError:", error)
strided = layers.Add()([layers.Conv2D(32, 1, strides=2)(inputs), z])
print("strides=2, projection with strides=2:", strided.shape)

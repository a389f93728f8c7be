"""A residual block that changes the channel count needs a 1x1 convolution on the shortcut."""

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

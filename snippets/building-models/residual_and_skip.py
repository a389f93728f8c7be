"""Residual (Add) and skip (Concatenate) connections need the functional API."""

import keras
from keras import layers

keras.utils.set_random_seed(42)

inputs = keras.Input(shape=(8, 8, 3), name="image")
x = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(inputs)

# Residual block: the block's input is added back to its output, so shapes must be equal
# ("same" padding and 16 filters keep (8, 8, 16)).
shortcut = x
y = layers.Conv2D(16, 3, padding="same", activation="relu", name="res_conv1")(x)
y = layers.Conv2D(16, 3, padding="same", name="res_conv2")(y)
x = layers.Add(name="residual_add")([shortcut, y])
x = layers.Activation("relu", name="res_out")(x)

# Skip connection: earlier features are passed on beside the later ones, stacked
# along the channel axis, so only height and width must match.
z = layers.Conv2D(32, 3, padding="same", activation="relu", name="deeper")(x)
x = layers.Concatenate(name="skip_concat")([x, z])  # 16 + 32 = 48 channels

x = layers.Flatten(name="flat")(x)
outputs = layers.Dense(10, activation="softmax", name="classes")(x)
model = keras.Model(inputs, outputs, name="residual_and_skip")

model.summary(line_length=80)

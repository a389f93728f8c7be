"""(None, None, None, 3): a convolutional model that takes images of any size."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

inputs = keras.Input(shape=(None, None, 3))  # height and width left open
x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
x = keras.layers.GlobalAveragePooling2D()(x)  # any height x width -> 8 numbers
outputs = keras.layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)

print("model input shape:", model.input_shape)
for height, width in [(32, 32), (48, 64), (17, 5)]:
    images = np.random.rand(2, height, width, 3).astype("float32")
    print(f"{images.shape} -> {model.predict(images, verbose=0).shape}")

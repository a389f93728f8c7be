"""Predicting on one image: give it a batch axis of size 1 first."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(4, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(10, activation="softmax"),
    ]
)

image = np.random.rand(28, 28, 1).astype("float32")  # one image: (height, width, channels)
print("one image:", image.shape)

try:
    model.predict(image, verbose=0)  # 28 would be read as the batch axis
except ValueError as error:
    print("predict(image) fails:", type(error).__name__)

# Three equivalent ways to make a batch of one:
for name, batch in [
    ("np.expand_dims(image, 0)", np.expand_dims(image, 0)),
    ("image[None]", image[None]),
    ("image.reshape((1, 28, 28, 1))", image.reshape((1, 28, 28, 1))),
]:
    probabilities = model.predict(batch, verbose=0)
    print(f"{name:<30} {batch.shape} -> {probabilities.shape}, class {probabilities.argmax()}")

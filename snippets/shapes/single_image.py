"""Predicting on one image: give it a batch axis of size 1 first."""

import re

import keras
import numpy as np

keras.utils.set_random_seed(42)


def classifier(channels, padding="valid"):
    """A small classifier of 28 x 28 images with `channels` channels."""
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, channels)),
            keras.layers.Conv2D(4, 3, padding=padding, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


model = classifier(channels=1)
image = np.random.rand(28, 28, 1).astype("float32")  # one image: (height, width, channels)
print("one image:", image.shape)

# Without a batch axis, (28, 28, 1) is one rank short of (None, 28, 28, 1), and its last axis
# has size 1: Keras adds an axis, (28, 28, 1, 1), and reads 28 images of 28 x 1 pixels.
try:
    model.predict(image, verbose=0)  # a 3 x 3 convolution does not fit in 1 pixel
except (ValueError, RuntimeError) as error:  # RuntimeError on the PyTorch backend
    # TensorFlow's words; another backend words it its own way (its type is printed then).
    found = re.search(r"Negative dimension size[^']*from 1", str(error))
    print("predict(image) fails:", found[0] if found else type(error).__name__)
same = classifier(channels=1, padding="same")  # the same model, with a padded convolution
print("padding='same': predict(image) ->", same.predict(image, verbose=0).shape, "no error")
print("padding='same': model(image)   ->", tuple(same(image).shape), "no error")

rgb_image = np.random.rand(28, 28, 3).astype("float32")  # a colour image: no axis is added
try:
    classifier(channels=3, padding="same").predict(rgb_image, verbose=0)
except ValueError as error:
    found = re.search(
        r"Expected shape \(.*?\), but input has incompatible shape \(.*?\)", str(error)
    )
    print("RGB, predict(image) fails:", found[0] if found else type(error).__name__)

# Three equivalent ways to make a batch of one:
for name, batch in [
    ("np.expand_dims(image, 0)", np.expand_dims(image, 0)),
    ("image[None]", image[None]),
    ("image.reshape((1, 28, 28, 1))", image.reshape((1, 28, 28, 1))),
]:
    probabilities = model.predict(batch, verbose=0)
    print(f"{name:<30} {batch.shape} -> {probabilities.shape}, class {probabilities.argmax()}")

"""Which backend runs Keras: KERAS_BACKEND decides (or keras.json, when it is unset or empty),
read when keras is first imported."""

import os

import keras

print("KERAS_BACKEND:", os.environ.get("KERAS_BACKEND", "(not set)"))
print("keras.backend.backend():", keras.backend.backend())
print("keras.config.backend is the same function:", keras.config.backend is keras.backend.backend)

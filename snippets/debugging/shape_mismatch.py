"""Reading shape errors, and one shape mismatch that raises nothing."""

import re

import keras
import numpy as np
import tensorflow as tf

model = keras.Sequential(
    [keras.Input(shape=(8,)), keras.layers.Dense(4, name="hidden"), keras.layers.Dense(1)]
)

# Data with 5 features for a model built for 8.
try:
    model.predict(np.zeros((2, 5)), verbose=0)
except ValueError as error:
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # drop the terminal bold codes
    print("ValueError:", message)

# A raw TensorFlow op: the shapes of both operands are in the message.
try:
    tf.matmul(tf.ones((2, 3)), tf.ones((4, 5)))
except tf.errors.InvalidArgumentError as error:
    print("\nInvalidArgumentError:", re.search(r"Matrix size-incompatible.*\]", error.message)[0])

# Targets of the wrong width are broadcast by the loss: no error, wrong training.
model.compile(optimizer="sgd", loss="mse")
wrong_targets = np.zeros((4, 3))
model.fit(np.zeros((4, 8)), wrong_targets, verbose=0)
print("\nfit() accepted targets", wrong_targets.shape, "for outputs", model.output_shape)

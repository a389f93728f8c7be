"""A tf.data pipeline feeding fit() and predict() on the JAX backend."""

import os

os.environ["KERAS_BACKEND"] = "jax"  # before keras is first imported: this process runs on JAX

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
print("backend:", keras.backend.backend())

rng = np.random.default_rng(42)
x = rng.normal(size=(64, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
features, _ = next(iter(dataset))
print("a batch from tf.data:", type(features).__name__, tuple(features.shape))

model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)]
)
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
history = model.fit(dataset, epochs=3, shuffle=False, verbose=0)
print("fit(dataset), losses:", [round(loss, 3) for loss in history.history["loss"]])
print("predict(dataset):", type(model.predict(dataset, verbose=0)).__name__)
print("the model's weights:", type(model.weights[0].value).__name__)

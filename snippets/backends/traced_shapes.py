"""The shape a layer's call() sees while Keras builds a model, and while predict() traces it."""

import keras
import numpy as np


class ShowShape(keras.layers.Layer):
    """An identity layer that prints the shape it is called with."""

    def call(self, x):
        print(f"  call() got {tuple(x.shape)}")
        return x


print("backend:", keras.backend.backend())
print("building the model:")
inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, ShowShape()(keras.layers.Dense(3)(inputs)))
print("model.output.shape:", model.output.shape)
for count in (2, 3, 5):
    print(f"predict() on {count} samples:")
    model.predict(np.zeros((count, 4), dtype="float32"), batch_size=4, verbose=0)

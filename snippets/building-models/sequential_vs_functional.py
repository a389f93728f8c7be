"""The same model twice: Sequential with model.add(), then the functional API."""

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)

# Sequential: a plain stack. Each add() feeds the previous layer's output to the new layer.
sequential = keras.Sequential(name="sequential_mlp")
sequential.add(keras.Input(shape=(20,)))
sequential.add(layers.Dense(64, activation="relu"))
sequential.add(layers.Dense(32, activation="relu"))
sequential.add(layers.Dense(10, activation="softmax"))

# Functional: call each layer on a tensor and keep the result, x = layer(x0); x2 = new_layer(x).
x0 = keras.Input(shape=(20,))
x = layers.Dense(64, activation="relu")(x0)
x2 = layers.Dense(32, activation="relu")(x)
outputs = layers.Dense(10, activation="softmax")(x2)
functional = keras.Model(inputs=x0, outputs=outputs, name="functional_mlp")

sequential.summary(line_length=64)
functional.summary(line_length=64)
print("parameters:", sequential.count_params(), "and", functional.count_params())

# Same architecture: the weights of one fit the other, and then the outputs agree.
functional.set_weights(sequential.get_weights())
x = np.random.rand(4, 20).astype("float32")
same = np.allclose(sequential.predict(x, verbose=0), functional.predict(x, verbose=0))
print("same predictions with the same weights:", same)

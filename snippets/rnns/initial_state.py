"""initial_state=: zeros by default; pass your own as extra inputs of a functional model."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

TIMESTEPS, FEATURES, UNITS = 5, 3, 4
sequences = keras.Input(shape=(TIMESTEPS, FEATURES))
h0 = keras.Input(shape=(UNITS,))  # an LSTM has two states, h and c, each (batch, units)
c0 = keras.Input(shape=(UNITS,))
lstm = keras.layers.LSTM(UNITS)
outputs = lstm(sequences, initial_state=[h0, c0])
model = keras.Model([sequences, h0, c0], outputs)
print("model inputs:", [tuple(tensor.shape) for tensor in model.inputs])

x = np.random.rand(2, TIMESTEPS, FEATURES).astype("float32")
zeros = np.zeros((2, UNITS), "float32")
from_zeros = model.predict([x, zeros, zeros], verbose=0)
default = to_numpy(lstm(x))  # the same layer (same weights), no initial_state given
print("zeros == default (within 1e-6):", np.allclose(from_zeros, default, atol=1e-6))

ones = np.ones((2, UNITS), "float32")
from_ones = model.predict([x, ones, zeros], verbose=0)  # h0 = 1, c0 = 0
print("h0 = ones changes the output:", not np.allclose(from_ones, default, atol=1e-3))
print("default:\n", np.round(default, 2) + 0.0)  # + 0.0 turns -0.0 into 0.0
print("h0 = ones:\n", np.round(from_ones, 2) + 0.0)

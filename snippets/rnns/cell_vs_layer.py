"""A cell computes one timestep; RNN(cell) and SimpleRNN loop it over the whole sequence."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

BATCH, TIMESTEPS, FEATURES, UNITS = 2, 6, 3, 4
x = np.random.rand(BATCH, TIMESTEPS, FEATURES).astype("float32")

cell = keras.layers.SimpleRNNCell(UNITS)
state = [np.zeros((BATCH, UNITS), "float32")]  # the default initial state: zeros

# One step: input (batch, features) at one timestep, plus the state -> output, new state.
output, new_state = cell(x[:, 0], state)
print("one step: x[:, 0]", x[:, 0].shape, "-> output", tuple(output.shape), end=", ")
print("new state", [tuple(s.shape) for s in new_state])

# The whole sequence by hand: a for loop that carries the state from step to step.
outputs = []
for t in range(TIMESTEPS):
    output, state = cell(x[:, t], state)
    outputs.append(output)
by_hand = np.stack([to_numpy(output) for output in outputs], axis=1)

# keras.layers.RNN runs that loop for you, with the same cell (and its weights).
by_rnn = keras.layers.RNN(cell, return_sequences=True)(x)
print("loop:", by_hand.shape, " RNN(cell):", tuple(by_rnn.shape))
print("RNN(cell) == loop:", np.allclose(to_numpy(by_rnn), by_hand, atol=1e-6))

# SimpleRNN is RNN(SimpleRNNCell): given the same weights, it gives the same outputs.
layer = keras.layers.SimpleRNN(UNITS, return_sequences=True)
layer.build(x.shape)
layer.set_weights(cell.get_weights())  # kernel, recurrent_kernel, bias
print("SimpleRNN == loop:", np.allclose(to_numpy(layer(x)), by_hand, atol=1e-6))

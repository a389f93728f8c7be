"""StackedRNNCells: several cells in one RNN layer, the same as stacked RNN layers."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

x = np.random.rand(2, 7, 3).astype("float32")
lower, upper = keras.layers.GRUCell(8), keras.layers.GRUCell(4)

# One layer: at every timestep, the lower cell's output goes straight into the upper cell.
one_layer = keras.layers.RNN(keras.layers.StackedRNNCells([lower, upper]))(x)

# Two layers with the same two cells (same weights): the first must return its whole sequence.
between = keras.layers.RNN(lower, return_sequences=True)(x)
two_layers = keras.layers.RNN(upper)(between)
print("between the two layers:", tuple(between.shape), "(every timestep of the lower cell)")
print("one layer == two layers:", np.allclose(to_numpy(one_layer), to_numpy(two_layers), atol=1e-6))
print("RNN([lower, upper]) wraps the list:", type(keras.layers.RNN([lower, upper]).cell).__name__)

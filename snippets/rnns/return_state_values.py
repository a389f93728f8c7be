"""return_state=True adds the final state(s): h is the last output, LSTM adds its cell state c."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

x = np.random.rand(2, 7, 3).astype("float32")

lstm = keras.layers.LSTM(5, return_sequences=True, return_state=True)
sequence, h, c = lstm(x)
print("LSTM state_size:", lstm.cell.state_size, " (one size per state: h and c)")
print("sequence", tuple(sequence.shape), " h", tuple(h.shape), " c", tuple(c.shape))
print("h == sequence[:, -1]:", np.allclose(to_numpy(h), to_numpy(sequence)[:, -1]))
print("c == h:              ", np.allclose(to_numpy(c), to_numpy(h)))

gru = keras.layers.GRU(5, return_state=True)
output, state = gru(x)
print(
    "GRU state_size:",
    gru.cell.state_size,
    " output == state:",
    np.allclose(to_numpy(output), to_numpy(state)),
)

"""RNN(StackedRNNCells, return_state=True): what each cell's state is, Keras 3 vs tf.keras 2."""

import numpy as np
import tensorflow as tf

print("tf.keras is", tf.keras.layers.RNN.__module__.split(".")[0])  # tf_keras: legacy Keras 2
tf.keras.utils.set_random_seed(42)
x = np.random.rand(2, 7, 3).astype("float32")
for cell_class in (
    tf.keras.layers.SimpleRNNCell,
    tf.keras.layers.GRUCell,
    tf.keras.layers.LSTMCell,
):
    cells = tf.keras.layers.StackedRNNCells([cell_class(8), cell_class(4)])
    output, *states = tf.keras.layers.RNN(cells, return_state=True)(x)
    print(f"{cell_class.__name__}s: output {tuple(output.shape)}")
    for number, state in enumerate(states):
        shapes = [tuple(s.shape) for s in state] if isinstance(state, list) else tuple(state.shape)
        print(f"  cell {number}: {type(state).__name__} of {shapes}")

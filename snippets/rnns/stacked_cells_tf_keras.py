"""The same return_state call in legacy Keras 2 (tf_keras): a GRU cell's state is a bare tensor."""

import numpy as np
import tf_keras

x = np.random.rand(2, 7, 3).astype("float32")
for cell_class in (tf_keras.layers.GRUCell, tf_keras.layers.LSTMCell):
    cells = tf_keras.layers.StackedRNNCells([cell_class(8), cell_class(4)])
    output, *states = tf_keras.layers.RNN(cells, return_state=True)(x)
    print(f"{cell_class.__name__}s: output {tuple(output.shape)}")
    for number, state in enumerate(states):
        shapes = [tuple(s.shape) for s in state] if isinstance(state, list) else tuple(state.shape)
        print(f"  cell {number}: {type(state).__name__} of {shapes}")

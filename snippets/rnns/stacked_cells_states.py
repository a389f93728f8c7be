"""RNN(StackedRNNCells, return_state=True): each cell's state, called on data and in a model."""

import numpy as np
import tensorflow as tf

print("tf.keras is", tf.keras.layers.RNN.__module__.split(".")[0])  # tf_keras: legacy Keras 2
tf.keras.utils.set_random_seed(42)
x = np.random.rand(2, 7, 3).astype("float32")


def describe(state) -> str:
    """A state's type and shape: 'list [(2, 8)]' for a list, 'ndarray (2, 8)' otherwise."""
    if isinstance(state, (list, tuple)):
        return "list [" + ", ".join(str(tuple(part.shape)) for part in state) + "]"
    return f"{type(state).__name__} {tuple(state.shape)}"


class Encoder(tf.keras.Model):
    """A subclassed model: its call() calls the RNN on the data it is given."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def call(self, inputs):
        return self.rnn(inputs)[1:]


def in_six_contexts(cell_class) -> dict:
    """The states of one stacked RNN: called on data (three ways), and in a functional model."""
    cells = tf.keras.layers.StackedRNNCells([cell_class(8), cell_class(4)])
    rnn = tf.keras.layers.RNN(cells, return_state=True)
    inputs = tf.keras.Input((7, 3))
    _, *symbolic = rnn(inputs)  # a functional model, as an encoder is usually built
    model = tf.keras.Model(inputs, symbolic)
    subclassed = Encoder(rnn)
    return {
        "rnn(x), eager call": rnn(x)[1:],
        "tf.function(rnn)(x)": tf.function(rnn)(x)[1:],
        "subclassed model(x)": subclassed(x),
        "rnn(tf.keras.Input)": symbolic,
        "model(x)": model(x),
        "model.predict(x)": model.predict(x, verbose=0),
    }


print(f"GRUCells{'':<15}{'cell 0':<24}{'cell 1':<24}h1, h2 = tf.nest.flatten(states)")
for context, states in in_six_contexts(tf.keras.layers.GRUCell).items():
    h1, h2 = tf.nest.flatten(states)  # works in every context: one tensor per state
    flat = f"{tuple(h1.shape)} {tuple(h2.shape)}"
    print(f"  {context:<21}{describe(states[0]):<24}{describe(states[1]):<24}{flat}")
print(f"  states[0][0] from predict: {describe(states[0][0])}, the first sample's row only")

lstm = in_six_contexts(tf.keras.layers.LSTMCell)
lists = [all(describe(s).startswith("list") for s in states) for states in lstm.values()]
print("LSTMCells: each cell's state is a list [h, c] in all six:", all(lists))

"""One feature per timestep still needs its own axis: (samples, timesteps, 1)."""

import functools
import re

import keras
import numpy as np

keras.utils.set_random_seed(42)

series = np.random.rand(100, 20).astype("float32")  # 100 series of 20 values: 2D
print("series:", series.shape)

try:
    keras.layers.LSTM(8)(series)  # a recurrent layer wants 3D
except ValueError as error:
    print("LSTM(8)(series) ->", re.search(r"expected ndim=\d, found ndim=\d", str(error))[0])

x = series[..., np.newaxis]  # same as series.reshape((100, 20, 1))
print("series[..., np.newaxis]:", x.shape, "->", keras.layers.LSTM(8)(x).shape)


def outcome(call, data) -> str:
    """The output shape of call(data), or the part of its error that says what went wrong."""
    try:
        return str(tuple(call(data).shape))
    except ValueError as error:
        found = re.search(
            r"expected ndim=\d, found ndim=\d|Cannot take the length.*rank\.", str(error)
        )
        return "ValueError: " + found[0]


class Forecaster(keras.Model):
    """A subclassed model: its call() gets the data as it is given."""

    def __init__(self):
        super().__init__()
        self.lstm = keras.layers.LSTM(8)

    def call(self, inputs):
        return self.lstm(inputs)


def sequential():
    """A fresh Sequential model for sequences of 20 steps of 1 feature."""
    return keras.Sequential([keras.Input(shape=(20, 1)), keras.layers.LSTM(8)])


# A functional or Sequential model whose input ends in a size-1 axis adds that axis to data one
# rank short (the table below shows Sequential models); a subclassed model does not.
inputs = keras.Input(shape=(20, 1))
functional = keras.Model(inputs, keras.layers.LSTM(8)(inputs))
print("functional, model(series):", outcome(functional, series))
print("subclassed, model(x):     ", outcome(Forecaster(), x))
print("subclassed, model(series):", outcome(Forecaster(), series))

# The same rule reads ONE sequence without its batch axis, x[0] of shape (20, 1), as a batch of
# 20 sequences of one step each: 20 outputs, no error. x[0][None] is the one sequence.
print("one sequence x[0]:", x[0].shape)
print("  model(x[0]):            ", outcome(sequential(), x[0]))
print(
    "  predict(x[0]):          ", outcome(functools.partial(sequential().predict, verbose=0), x[0])
)
print("  model(x[0][None]):      ", outcome(sequential(), x[0][None]))

# Each line is a fresh Sequential model called twice, with the 2D series and the 3D array x, in
# the order shown.
print("first call | second call, each line a fresh model:")
for how in ("model", "predict"):
    for first, then, names in [(series, x, ("series", "x")), (x, series, ("x", "series"))]:
        model = sequential()
        call = model if how == "model" else functools.partial(model.predict, verbose=0)
        calls = f"{how}({names[0]}) | {how}({names[1]}):"
        print(f"  {calls:<31}{outcome(call, first)} | {outcome(call, then)}")

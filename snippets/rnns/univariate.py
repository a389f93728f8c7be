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
    """The output shape of call(data), or the line of its error that says what went wrong."""
    try:
        return str(tuple(call(data).shape))
    except ValueError as error:
        message = re.sub(r"\x1b\[\d*m", "", str(error))  # drop the terminal colour codes
        return "ValueError: " + message.splitlines()[2]


# A model whose input ends in a size-1 axis adds that axis to 2D data by itself. Each line is a
# fresh model called twice, with the 2D series and the 3D array x, in the order shown.
print("first call | second call, each line a fresh model:")
for how in ("model", "predict"):
    for first, then, names in [(series, x, ("series", "x")), (x, series, ("x", "series"))]:
        model = keras.Sequential([keras.Input(shape=(20, 1)), keras.layers.LSTM(8)])
        call = model if how == "model" else functools.partial(model.predict, verbose=0)
        calls = f"{how}({names[0]}) | {how}({names[1]}):"
        print(f"  {calls:<31}{outcome(call, first)} | {outcome(call, then)}")

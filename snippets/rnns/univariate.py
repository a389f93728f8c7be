"""One feature per timestep still needs its own axis: (samples, timesteps, 1)."""

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

# A Keras 3 model adds a missing last axis of size 1 by itself...
model = keras.Sequential([keras.Input(shape=(20, 1)), keras.layers.LSTM(8)])
print("model.predict(series):", model.predict(series, verbose=0).shape)
# ...but the same model then fails on correctly shaped 3D data: stay 3D throughout.
try:
    model.predict(x, verbose=0)
except ValueError as error:
    message = re.sub(r"\x1b\[\d*m", "", str(error))  # drop the terminal colour codes
    print("then model.predict(x):", message.splitlines()[2])

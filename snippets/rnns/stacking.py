"""Stacking RNNs: every recurrent layer but the last needs return_sequences=True."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

# Without it, the first LSTM outputs (batch, units): 2D, and the next LSTM wants 3D.
try:
    keras.Sequential([keras.Input(shape=(10, 3)), keras.layers.LSTM(16), keras.layers.LSTM(8)])
except ValueError as error:
    print("ValueError:", error)

model = keras.Sequential(
    [
        keras.Input(shape=(10, 3)),
        keras.layers.LSTM(16, return_sequences=True),  # (batch, 10, 16): a sequence again
        keras.layers.LSTM(16, return_sequences=True),
        keras.layers.LSTM(8),  # the last one: only its final output, (batch, 8)
        keras.layers.Dense(1),
    ]
)
for layer in model.layers:
    print(f"{type(layer).__name__:<5} -> {layer.output.shape}")
print("predict:", model.predict(np.zeros((4, 10, 3), "float32"), verbose=0).shape)

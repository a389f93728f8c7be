"""Where dropout goes in a recurrent model: before, inside (dropout=, recurrent_dropout=), after."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

TIMESTEPS, FEATURES = 10, 6
model = keras.Sequential(
    [
        keras.Input(shape=(TIMESTEPS, FEATURES)),
        # Before: drops input features (here the same ones at every timestep).
        keras.layers.Dropout(0.2, noise_shape=(None, 1, FEATURES)),
        # Inside: `dropout` masks the inputs of each step, `recurrent_dropout` the
        # state carried from step to step; one mask per sequence, reused at every step.
        keras.layers.LSTM(16, dropout=0.2, recurrent_dropout=0.2),
        # After: an ordinary Dropout on the (batch, units) output, as in any dense network.
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1),
    ]
)
for layer in model.layers:
    print(f"{type(layer).__name__:<8} output {layer.output.shape}")

x = np.random.rand(3, TIMESTEPS, FEATURES).astype("float32")
training_runs = [to_numpy(model(x, training=True)) for _ in range(2)]
inference_runs = [to_numpy(model(x, training=False)) for _ in range(2)]
print("training=True, two calls equal: ", np.allclose(*training_runs))
print("training=False, two calls equal:", np.allclose(*inference_runs))

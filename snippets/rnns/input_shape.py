"""RNN input is (samples, timesteps, features); the model is told (timesteps, features)."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

NUM, TIMESTEPS, INPUT_D = 100, 20, 3  # 100 sequences, 20 steps long, 3 features per step
x = np.random.rand(NUM, TIMESTEPS, INPUT_D).astype("float32")

model = keras.Sequential(
    [
        keras.Input(shape=(TIMESTEPS, INPUT_D)),  # one sequence: no batch axis
        keras.layers.LSTM(8),
        keras.layers.Dense(1),
    ]
)
print("data x:         ", x.shape)
print("model input:    ", model.input_shape)
print("predict(x[:7]): ", model.predict(x[:7], verbose=0).shape)

# timesteps=None: one model for sequences of any length.
any_length = keras.Sequential([keras.Input(shape=(None, INPUT_D)), keras.layers.GRU(8)])
print("any length:     ", any_length.input_shape)
for steps in (5, 50):
    batch = np.random.rand(4, steps, INPUT_D).astype("float32")
    print(f"  {steps:>2} timesteps: {batch.shape} -> {any_length.predict(batch, verbose=0).shape}")

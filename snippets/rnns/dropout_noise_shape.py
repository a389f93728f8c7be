"""Dropout on sequences: noise_shape=(None, 1, features) drops the same features at every step."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

BATCH, TIMESTEPS, FEATURES = 2, 4, 6
x = np.ones((BATCH, TIMESTEPS, FEATURES), "float32")  # kept values become 2.0, dropped ones 0


def kept(dropout, inputs):
    """1 where the value was kept, 0 where it was dropped (training=True turns dropout on)."""
    return (np.asarray(dropout(inputs, training=True)) != 0).astype(int)


plain = kept(keras.layers.Dropout(0.5), x)
print("Dropout(0.5): sample 0, rows = timesteps, columns = features")
print(plain[0])
per_sequence = kept(keras.layers.Dropout(0.5, noise_shape=(None, 1, FEATURES)), x)
print("Dropout(0.5, noise_shape=(None, 1, FEATURES)): sample 0")
print(per_sequence[0])
print("same mask at every timestep:", (per_sequence == per_sequence[:, :1]).all())
print("same mask for both samples: ", (per_sequence[0] == per_sequence[1]).all())
spatial = kept(keras.layers.SpatialDropout1D(0.5), x)
print("SpatialDropout1D, same at every timestep:", (spatial == spatial[:, :1]).all())
print("not applied at inference:", np.array_equal(keras.layers.Dropout(0.5)(x), x))

# A fixed batch size in noise_shape: a batch of 3 cannot take a (2, 1, 6) mask and fails, but
# a batch of 1 is broadcast to the mask's 2 samples, silently: 2 samples come out for 1.
fixed = keras.layers.Dropout(0.5, noise_shape=(BATCH, 1, FEATURES))
try:
    fixed(np.ones((3, TIMESTEPS, FEATURES), "float32"), training=True)
except tf.errors.InvalidArgumentError as error:
    print("noise_shape=(2, 1, 6) on a batch of 3:", type(error).__name__)
one = fixed(np.ones((1, TIMESTEPS, FEATURES), "float32"), training=True)
print("noise_shape=(2, 1, 6) on a batch of 1: output shape", tuple(one.shape))
# In fit(), 5 samples in batches of 2 end with a batch of 1: no error tells you.
model = keras.Sequential([keras.Input((TIMESTEPS, FEATURES)), fixed, keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
samples, targets = np.ones((5, TIMESTEPS, FEATURES)), np.ones((5, TIMESTEPS, 1))
history = model.fit(samples, targets, batch_size=2, verbose=0)
print("fit on 5 samples, batch_size=2, with that layer: no error, epochs run:", len(history.epoch))
# None takes the size of each batch.
flexible = keras.layers.Dropout(0.5, noise_shape=(None, 1, FEATURES))
for size in (1, 3):
    out = flexible(np.ones((size, TIMESTEPS, FEATURES), "float32"), training=True)
    print(f"noise_shape=(None, 1, 6) on a batch of {size}: output shape", tuple(out.shape))

"""The loss scale halves at every step whose gradients overflow, and that step is skipped."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
keras.config.set_dtype_policy("mixed_float16")
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
logits = keras.layers.Dense(3)(hidden)
outputs = keras.layers.Activation("softmax", dtype="float32")(logits)
model = keras.Model(inputs, outputs)

# A scale far too high (the default is 2**15), so that float16 gradients overflow at first.
optimizer = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(), initial_scale=2.0**30)
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
x = np.random.rand(16, 4).astype("float32")
y = np.random.randint(0, 3, size=16)
for step in range(1, 17):
    model.train_on_batch(x, y)
    scale = int(np.log2(float(optimizer.dynamic_scale)))
    print(f"step {step:2d}: loss scale 2**{scale}, updates applied {int(optimizer.iterations)}")

keras.config.set_dtype_policy("float32")  # the global policy back to its default

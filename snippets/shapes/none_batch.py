"""The first dimension of every Keras shape is the batch, and it is None."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

# Describe ONE sample: 100 rows of 200 features. Keras adds the batch axis.
inputs = keras.Input(shape=(100, 200))
outputs = keras.layers.Dense(8)(inputs)
model = keras.Model(inputs, outputs, name="none_batch")

print("input shape: ", model.input_shape)
print("output shape:", model.output_shape)
model.summary(line_length=64)

# None means "any size": fit() and predict() take whatever batch they get.
for batch_size in (1, 5, 32):
    batch = np.zeros((batch_size, 100, 200), dtype="float32")
    print(f"predict on {batch_size:>2} samples ->", model.predict(batch, verbose=0).shape)

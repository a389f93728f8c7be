"""The first dimension of a model's input and output shapes is the batch, and it is None."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

# Describe ONE sample: 100 rows of 200 features. Keras adds the batch axis.
inputs = keras.Input(shape=(100, 200))
outputs = keras.layers.Dense(8)(inputs)
model = keras.Model(inputs, outputs, name="none_batch")

print("input shape: ", model.input_shape)
print("output shape:", model.output_shape)
model.summary(line_length=64)

# None means "any size": the model takes whatever batch it gets.
for batch_size in (1, 5, 32):
    batch = np.zeros((batch_size, 100, 200), dtype="float32")
    print(f"predict on {batch_size:>2} samples ->", model.predict(batch, verbose=0).shape)


class BatchSizes(keras.callbacks.Callback):
    """Records the size of each batch that predict() runs the model on."""

    def __init__(self):
        super().__init__()
        self.sizes = []

    def on_predict_batch_end(self, batch, logs=None):
        self.sizes.append(len(logs["outputs"]))


# Who picks the batch size: predict() cuts arrays into batches of batch_size (32 by default);
# a tf.data.Dataset is batched by its own .batch(), and predict() runs on those batches.
samples = np.zeros((70, 100, 200), dtype="float32")
for name, data, batch_size in [
    ("70 samples, NumPy array", samples, None),
    ("70 samples, NumPy array, batch_size=20", samples, 20),
    (
        "70 samples, tf.data, .batch(10)",
        tf.data.Dataset.from_tensor_slices(samples).batch(10),
        None,
    ),
]:
    sizes = BatchSizes()
    model.predict(data, batch_size=batch_size, verbose=0, callbacks=[sizes])
    print(f"{name:<40} batches of {sizes.sizes}")

# keras.Input(batch_size=...) fixes the batch dimension instead of leaving it None.
print(
    "keras.Input(shape=(100, 200), batch_size=4):",
    keras.Input(shape=(100, 200), batch_size=4).shape,
)

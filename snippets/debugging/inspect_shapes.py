"""Three ways to see the shapes in a model: summary(), layer.output, and call()."""

import keras
import numpy as np


class ShowShape(keras.layers.Layer):
    """An identity layer that prints the shape it is called with."""

    def call(self, x):
        print(f"  {self.name} got {tuple(x.shape)}")
        return x


print("building:")
inputs = keras.Input(shape=(28, 28, 1), name="image")
x = keras.layers.Conv2D(8, 3, name="conv")(inputs)
x = ShowShape(name="after_conv")(x)
x = keras.layers.Flatten(name="flatten")(x)
outputs = keras.layers.Dense(10, name="logits")(x)
model = keras.Model(inputs, outputs, name="inspect_shapes")

# 1. The summary table (fix line_length so it does not follow the terminal width).
model.summary(line_length=64)

# 2. Each layer's symbolic output: the batch axis is None.
for layer in model.layers:
    print(f"{layer.name:<10} output.shape = {layer.output.shape}")

# 3. Called directly on data (eagerly), call() sees the real batch size.
print("calling on 2 images:")
model(np.zeros((2, 28, 28, 1), dtype="float32"))

# predict() and fit() run call() only while they trace a function: it prints the traced shape,
# whose batch size may be None, and nothing for the batches that reuse the trace.
print("predict() on 2 images, then on 3, then on 3 again:")
for count in (2, 3, 3):
    model.predict(np.zeros((count, 28, 28, 1), dtype="float32"), verbose=0)
print("fit() on 5 images in batches of 2, for 2 epochs (6 batches):")
model.compile(optimizer="sgd", loss="mse")
images, targets = np.zeros((5, 28, 28, 1), dtype="float32"), np.zeros((5, 10))
model.fit(images, targets, batch_size=2, epochs=2, verbose=0)

"""A functional model with two named outputs: a class and a number, from one input."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

inputs = keras.Input(shape=(64,), name="pixels")
features = keras.layers.Dense(32, activation="relu", name="shared")(inputs)
# Each head is a layer of its own; its name becomes the output's name.
digit = keras.layers.Dense(10, activation="softmax", name="digit")(features)
ink = keras.layers.Dense(1, name="ink")(features)
model = keras.Model(inputs=inputs, outputs=[digit, ink])

print("output names:", model.output_names)
print("output shapes:", [tuple(output.shape) for output in model.outputs])

predictions = model.predict(np.zeros((5, 64), dtype="float32"), verbose=0)
print("predict() returns a", type(predictions).__name__, "of", len(predictions), "arrays:")
for name, array in zip(model.output_names, predictions, strict=True):
    print(f"  {name}: {array.shape}")

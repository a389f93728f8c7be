"""Many-to-one: two inputs, a Dense branch each, joined by an explicit Concatenate layer."""

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)

# The four-line sketch, x01 = Concatenate()([x0, x1]), made concrete: x0 and x1 are the
# *outputs* of Dense layers (tensors), so each Dense is called on an input first.
input_a = keras.Input(shape=(8,), name="a")
input_b = keras.Input(shape=(3,), name="b")
x0 = layers.Dense(16, activation="relu")(input_a)
x1 = layers.Dense(4, activation="relu")(input_b)
x01 = layers.Concatenate()([x0, x1])  # (None, 16) and (None, 4) -> (None, 20)
y = layers.Dense(1)(x01)
model = keras.Model(inputs=[input_a, input_b], outputs=y)

for name, tensor in [("x0", x0), ("x1", x1), ("x01", x01), ("y", y)]:
    print(f"{name:<4}{tensor.shape}")

# Feed one array per input, in the order of `inputs` (or a dict keyed by the Input names).
a = np.random.rand(5, 8).astype("float32")
b = np.random.rand(5, 3).astype("float32")
print("predict([a, b]):          ", model.predict([a, b], verbose=0).shape)
print("predict({'a': a, 'b': b}):", model.predict({"a": a, "b": b}, verbose=0).shape)

model.compile(optimizer="adam", loss="mse")
history = model.fit([a, b], np.random.rand(5, 1), epochs=2, verbose=0)
print("trained for", len(history.history["loss"]), "epochs")

# Taken literally, the sketch passes Dense *layers* to Concatenate, which fails.
try:
    layers.Concatenate()([layers.Dense(16), layers.Dense(4)])
except ValueError as error:
    print("Concatenate()([Dense(...), Dense(...)]):", str(error).split(".")[0])

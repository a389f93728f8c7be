"""mixed_bfloat16: layers compute in bfloat16 and keep their weights in float32."""

import keras
import numpy as np

keras.config.set_dtype_policy("mixed_bfloat16")  # global: every layer created after this

layer = keras.layers.Dense(4)
y = layer(np.ones((2, 3), "float32"))
print("policy:", layer.dtype_policy.name)
print("compute_dtype:", layer.compute_dtype, "| variable_dtype:", layer.variable_dtype)
print("kernel:", keras.backend.standardize_dtype(layer.kernel.dtype))
print("output:", keras.backend.standardize_dtype(y.dtype))

# A softmax computed in bfloat16 (8 significant bits), and one that asks for float32.
logits = np.array([[8.0, 2.0, 1.0, 0.5, 0.0]], "float32")
for dtype in (None, "float32"):
    probs = keras.layers.Activation("softmax", dtype=dtype)(logits)
    values = keras.ops.convert_to_numpy(keras.ops.cast(probs, "float32"))
    shown = " ".join(f"{value:.5f}" for value in values[0])
    name = keras.backend.standardize_dtype(probs.dtype)
    print(f"softmax in {name}: {shown}, sum {values.sum():.5f}")
print("0.9999 as bfloat16:", float(keras.ops.cast(0.9999, "bfloat16")))

# The recipe: mixed layers, and a last layer in float32.
inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(8, activation="relu")(inputs)
logits = keras.layers.Dense(5)(hidden)
outputs = keras.layers.Activation("softmax", dtype="float32")(logits)
model = keras.Model(inputs, outputs)
print("layers:", [layer.dtype_policy.name for layer in model.layers])
print("model output:", keras.backend.standardize_dtype(model.output.dtype))
print("loss computes in:", keras.losses.SparseCategoricalCrossentropy().dtype)

keras.config.set_dtype_policy("float32")  # the global policy back to its default

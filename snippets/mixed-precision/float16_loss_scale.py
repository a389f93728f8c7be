"""mixed_float16: compile() wraps the optimizer in a LossScaleOptimizer."""

import keras
import numpy as np

# Why: small gradients underflow to zero in float16; multiplied by a loss scale, they survive.
print("1e-8 in float16:", float(np.float16(1e-8)))
print(f"1e-8 * 2**15 in float16: {float(np.float16(1e-8 * 2**15)):.3g}")


def make_model() -> keras.Model:
    inputs = keras.Input(shape=(4,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    logits = keras.layers.Dense(3)(hidden)
    outputs = keras.layers.Activation("softmax", dtype="float32")(logits)
    return keras.Model(inputs, outputs)


keras.config.set_dtype_policy("mixed_float16")
model = make_model()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
print("model policy:", model.dtype_policy.name)
print("optimizer:", type(model.optimizer).__name__)
print("inner optimizer:", type(model.optimizer.inner_optimizer).__name__)
print("initial loss scale:", model.optimizer.initial_scale)

opted_out = make_model()
opted_out.compile(optimizer="adam", loss="mse", auto_scale_loss=False)
print("auto_scale_loss=False:", type(opted_out.optimizer).__name__)

keras.config.set_dtype_policy("float32")  # the global policy back to its default
float32_model = make_model()
float32_model.compile(optimizer="adam", loss="mse")
print("float32 policy:", type(float32_model.optimizer).__name__)

# float16 layers inside a model whose own policy is float32: no loss scaling.
inputs = keras.Input(shape=(4,))
outputs = keras.layers.Dense(3, dtype="mixed_float16")(inputs)
layer_only = keras.Model(inputs, outputs)
layer_only.compile(optimizer="adam", loss="mse")
print("mixed_float16 layer, float32 model:", type(layer_only.optimizer).__name__)
wrapped = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam())
layer_only.compile(optimizer=wrapped, loss="mse")
print("wrapped by hand:", type(layer_only.optimizer).__name__)

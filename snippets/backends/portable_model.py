"""One model written with keras.layers and keras.ops only: the same code runs on TensorFlow, JAX
and PyTorch."""

import keras
import numpy as np
from keras import ops

keras.utils.set_random_seed(42)


class RMSNormalization(keras.layers.Layer):
    """Divides each sample by its root mean square, then scales it: keras.ops, not tf.*."""

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        rms = ops.sqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + 1e-6)
        return x / rms * self.scale


def log_cosh(y_true, y_pred):
    """A loss written with keras.ops: like the squared error near 0, the absolute one far off."""
    # ops.subtract, not y_pred - y_true: on NumPy arrays, "-" does NumPy's arithmetic.
    error = ops.subtract(y_pred, y_true)
    return ops.mean(error + ops.softplus(-2.0 * error) - ops.log(2.0), axis=-1)


rng = np.random.default_rng(42)  # the data: the same NumPy arrays on every backend
x = rng.normal(size=(256, 8)).astype("float32")
y = np.sin(x[:, :1] + x[:, 1:2]).astype("float32")


def make_model():
    inputs = keras.Input(shape=(8,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    hidden = RMSNormalization()(hidden)
    return keras.Model(inputs, keras.layers.Dense(1)(hidden))


model = make_model()
print("backend:", keras.backend.backend())
print("output shape:", model.output.shape, "| predict:", model.predict(x[:4], verbose=0).shape)
print("loss of an error of 0.5:", f"{float(ops.mean(log_cosh(y[:4], y[:4] + 0.5))):.4f}")

# 1. Initial weights from the initializers, seeded with 42: each backend draws its own.
print("first kernel's sum:", f"{float(ops.convert_to_numpy(ops.sum(model.weights[0]))):.3f}")
model.compile(optimizer=keras.optimizers.Adam(0.01), loss=log_cosh)
history = model.fit(x, y, batch_size=32, epochs=5, shuffle=False, verbose=0)
print("losses, seeded weights:   ", [round(loss, 3) for loss in history.history["loss"]])

# 2. The same initial weights on every backend: given as NumPy arrays.
model = make_model()
model.set_weights([rng.normal(scale=0.3, size=w.shape).astype("float32") for w in model.weights])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss=log_cosh)
history = model.fit(x, y, batch_size=32, epochs=5, shuffle=False, verbose=0)
print("losses, weights from NumPy:", [round(loss, 3) for loss in history.history["loss"]])

"""A custom layer: its weights made in build() from the first input's shape, its math in call()."""

import keras
import numpy as np
from keras import ops

keras.utils.set_random_seed(42)


class Linear(keras.layers.Layer):
    """outputs = inputs @ w + b, with `units` outputs."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)  # name=, dtype=, trainable= go to the base class
        self.units = units

    def build(self, input_shape):
        print(f"  build() receives input_shape={input_shape}")
        features = input_shape[-1]
        self.w = self.add_weight(
            shape=(features, self.units), initializer="glorot_uniform", name="w"
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


layer = Linear(2)
print("before the first call: built =", layer.built, "| weights:", len(layer.weights))
print("first call, on a batch of 4 samples of 3 features:")
outputs = layer(np.ones((4, 3), dtype="float32"))
print(
    "after it: built =",
    layer.built,
    "| weights:",
    [(w.path, tuple(w.shape)) for w in layer.weights],
)
print("output shape:", tuple(outputs.shape))
print("second call, on a batch of 5: output shape", tuple(layer(np.ones((5, 3))).shape))

print("in a Sequential model, built from keras.Input(shape=(3,)):")
model = keras.Sequential([keras.Input(shape=(3,)), Linear(4), Linear(1)])
print("model created: built =", model.built)
print("parameters:", model.count_params(), "= (3*4 + 4) + (4*1 + 1)")
predictions = model.predict(np.linspace(0, 1, 6).reshape(2, 3), verbose=0)
print("predict on 2 samples:", [f"{p:.4f}" for p in predictions[:, 0]])

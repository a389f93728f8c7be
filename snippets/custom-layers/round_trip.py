"""A custom layer in a custom model, saved to a .keras file and reloaded in safe mode."""

import json
import zipfile

import keras
import numpy as np
from keras import ops

keras.utils.set_random_seed(42)


@keras.saving.register_keras_serializable(package="cookbook")
class Linear(keras.layers.Layer):
    """outputs = activation(inputs @ w + b), with `units` outputs."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)  # a name or a function

    def build(self, input_shape):
        features = input_shape[-1]
        self.w = self.add_weight(
            shape=(features, self.units), initializer="glorot_uniform", name="w"
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.w) + self.b)

    def get_config(self):  # the arguments that rebuild this layer: Linear(**config)
        config = super().get_config()  # name, trainable, dtype
        config.update(units=self.units, activation=keras.activations.serialize(self.activation))
        return config


@keras.saving.register_keras_serializable(package="cookbook")
class MLP(keras.Model):
    """Two Linear layers with Dropout between them, active in training only."""

    def __init__(self, hidden, units, rate=0.2, **kwargs):
        super().__init__(**kwargs)
        self.hidden, self.units, self.rate = hidden, units, rate
        self.dense = Linear(hidden, activation="relu")
        self.dropout = keras.layers.Dropout(rate)
        self.head = Linear(units)

    def call(self, inputs, training=False):
        return self.head(self.dropout(self.dense(inputs), training=training))

    def get_config(self):
        config = super().get_config()
        config.update(hidden=self.hidden, units=self.units, rate=self.rate)
        return config


x = np.random.rand(64, 4).astype("float32")
y = np.random.rand(64, 2).astype("float32")
model = MLP(hidden=8, units=2)
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=3, verbose=0)
before = model.predict(x[:3], verbose=0)

model.save("mlp.keras")
with zipfile.ZipFile("mlp.keras") as archive:
    saved = json.loads(archive.read("config.json"))
print("registered name:", keras.saving.get_registered_name(MLP))
print("config.json:", {key: saved[key] for key in ("class_name", "registered_name")})
print("  its config:", {key: saved["config"][key] for key in ("hidden", "units", "rate")})
layer_config = model.dense.get_config()  # stored per layer by Sequential and functional models
print("Linear's config:", {key: layer_config[key] for key in ("units", "activation")})
clone = Linear.from_config(layer_config)
print("  Linear.from_config:", type(clone).__name__, clone.units, clone.activation.__name__)

restored = keras.models.load_model("mlp.keras", safe_mode=True)  # safe_mode=True: the default
after = restored.predict(x[:3], verbose=0)
print("reloaded:", type(restored).__name__, [type(layer).__name__ for layer in restored.layers])
print("before:", before.astype("float64").round(4).tolist())
print("after: ", after.astype("float64").round(4).tolist())
print("identical predictions:", np.array_equal(before, after))
print("optimizer steps restored:", int(restored.optimizer.iterations))

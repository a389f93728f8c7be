"""When Keras writes get_config() for you, when you must, and when from_config() is needed too."""

import re
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)
x = np.random.rand(2, 3).astype("float32")


def report(step, error):
    """The error's type and the first sentence of its message, wrapped."""
    sentence = " ".join(str(error).split()).split(". ")[0]
    text = f"{step} -> {type(error).__name__}: {sentence}."
    print(
        textwrap.fill(
            text, 88, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
        )
    )


def round_trip(label, layer):
    """Save a model holding `layer` to .keras, reload it, compare the predictions: print where
    it fails."""
    print(label)
    model = keras.Sequential([keras.Input(shape=(3,)), layer])
    try:
        model.save("model.keras")
    except NotImplementedError as error:
        report("model.save", error)
        return
    try:
        restored = keras.models.load_model("model.keras")
    except TypeError as error:
        report("load_model", error)
        print(
            "    the cause, at the end of the message:",
            re.findall(r"'\w+' object is not callable", str(error))[-1],
        )
        return
    same = np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
    print("  saved and reloaded, identical predictions:", same)


@keras.saving.register_keras_serializable(package="cookbook")
class Scale(keras.layers.Layer):
    """Multiplies its input by a fixed factor. No get_config()."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return keras.ops.multiply(inputs, self.factor)  # a number, or a list of them


@keras.saving.register_keras_serializable(package="cookbook")
class Residual(keras.layers.Layer):
    """inputs + inner(inputs), for a layer `inner` passed in. No get_config()."""

    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def call(self, inputs):
        return inputs + self.inner(inputs)


@keras.saving.register_keras_serializable(package="cookbook")
class ResidualConfig(Residual):
    """get_config() stores the inner layer as its config, a dict."""

    def get_config(self):
        inner = keras.saving.serialize_keras_object(self.inner)
        return {**super().get_config(), "inner": inner}


@keras.saving.register_keras_serializable(package="cookbook")
class ResidualConfigFromConfig(ResidualConfig):
    """from_config() turns that dict back into a layer before calling __init__."""

    @classmethod
    def from_config(cls, config):
        config["inner"] = keras.saving.deserialize_keras_object(config["inner"])
        return cls(**config)


config = Scale(2.0).get_config()
print("Scale(2.0).get_config(), written by Keras: factor =", config["factor"])
for label, factor in [
    ("np.float64(2.0)", np.float64(2.0)),  # a subclass of Python's float
    ("np.float32(2.0)", np.float32(2.0)),
    ("np.int64(2)", np.int64(2)),
    ("(1.0, 2.0, 3.0)", (1.0, 2.0, 3.0)),  # a tuple of floats
]:
    try:
        print(f"Scale({label}).get_config(): factor =", Scale(factor).get_config()["factor"])
    except NotImplementedError as error:
        print(f"Scale({label}).get_config() -> {type(error).__name__}")
model = keras.Sequential([keras.Input(shape=(3,)), Scale((1.0, 2.0, 3.0))])
model.save("tuple.keras")
restored = keras.models.load_model("tuple.keras")
print("  saved and reloaded, factor =", restored.layers[-1].factor)
round_trip("Scale(2.0)", Scale(2.0))
round_trip("Scale(np.float32(2.0))", Scale(np.float32(2.0)))
round_trip("Residual(Dense(3))", Residual(keras.layers.Dense(3)))
round_trip("ResidualConfig(Dense(3))", ResidualConfig(keras.layers.Dense(3)))
round_trip("ResidualConfigFromConfig(Dense(3))", ResidualConfigFromConfig(keras.layers.Dense(3)))

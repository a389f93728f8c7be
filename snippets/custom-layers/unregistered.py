"""A custom layer that is not registered: the .keras file saves, but load_model cannot find it."""

import json
import textwrap
import zipfile

import keras
import numpy as np

keras.utils.set_random_seed(42)


class Scale(keras.layers.Layer):  # no @keras.saving.register_keras_serializable()
    """Multiplies its input by a learned weight per feature."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="random_normal", name="w")

    def call(self, inputs):
        return inputs * self.w


model = keras.Sequential([keras.Input(shape=(3,)), Scale()])
model.save("scale.keras")  # saving works: nothing checks that the class can be found again
with zipfile.ZipFile("scale.keras") as archive:
    layer = json.loads(archive.read("config.json"))["config"]["layers"][1]
print("saved as:", {key: layer[key] for key in ("module", "class_name", "registered_name")})

try:
    keras.models.load_model("scale.keras")
except TypeError as error:
    message = str(error)
    print("load_model ->", type(error).__name__ + ":", message.split(". ")[0] + ".")
    cause = message.split("Exception encountered: ")[1].split(" Full object config")[0]
    print(
        textwrap.fill(
            "Exception encountered: " + cause, 80, initial_indent="  ", subsequent_indent="  "
        )
    )

restored = keras.models.load_model("scale.keras", custom_objects={"Scale": Scale})
x = np.ones((2, 3), dtype="float32")
same = np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
print("with custom_objects={'Scale': Scale}: reloaded, identical predictions:", same)

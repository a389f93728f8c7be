"""What build() receives in a model: when the model is created, and when load_model rebuilds it."""

import keras
from keras import ops


class Linear(keras.layers.Layer):
    """outputs = inputs @ w, with `units` outputs."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        print(f"  build() receives a {type(input_shape).__name__}: {input_shape}")
        try:
            output_shape = input_shape[:-1] + (self.units,)  # noqa: RUF005 (code for a tuple)
            print("    input_shape[:-1] + (units,) =", output_shape)
        except TypeError as error:
            print(f"    input_shape[:-1] + (units,) -> TypeError: {error}")
        features = input_shape[-1]  # works with a tuple and with a list; or tuple(input_shape)
        self.w = self.add_weight(shape=(features, self.units), name="w")

    def call(self, inputs):
        return ops.matmul(inputs, self.w)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


print("Sequential model created:")
model = keras.Sequential([keras.Input(shape=(3,)), Linear(2)])
model.save("sequential.keras")
print("the same model, reloaded by load_model:")
keras.models.load_model("sequential.keras", custom_objects={"Linear": Linear})

print("functional model created:")
inputs = keras.Input(shape=(3,))
model = keras.Model(inputs, Linear(2)(inputs))
model.save("functional.keras")
print("the same model, reloaded by load_model:")
keras.models.load_model("functional.keras", custom_objects={"Linear": Linear})

"""model.trainable = True on a model that is already trainable: does it reach its layers?"""

import keras

inputs = keras.Input(shape=(8, 8, 1))
h = keras.layers.Conv2D(32, 3, name="conv")(inputs)
h = keras.layers.BatchNormalization(name="bn")(h)
base = keras.Model(inputs, keras.layers.Flatten()(h), name="base")
bn = base.get_layer("bn")
print("backend:", keras.backend.backend())

bn.trainable = False  # freeze one layer; base.trainable is still True
base.trainable = True  # the value it already has
print(
    "True -> True: ", "bn.trainable =", bn.trainable, "|", len(base.trainable_weights), "trainable"
)

base.trainable = False
base.trainable = True  # a change of value
print(
    "False -> True:", "bn.trainable =", bn.trainable, "|", len(base.trainable_weights), "trainable"
)

import keras

# A small functional model with two branches, each layer named
inputs = keras.Input(shape=(8,), name="features")
wide = keras.layers.Dense(16, activation="relu", name="wide")(inputs)
narrow = keras.layers.Dense(4, activation="relu", name="narrow")(inputs)
merged = keras.layers.Concatenate(name="merge")([wide, narrow])
outputs = keras.layers.Dense(1, name="score")(merged)
model = keras.Model(inputs, outputs, name="two_branches")

# summary() prints the table itself and returns None,
# so wrapping it in print() (as older tutorials do) adds a line "None".
print(model.summary(line_length=80))

# The same facts from code: each layer's name, type, output shape, parameters
for layer in model.layers:
    kind = type(layer).__name__
    print(f"{layer.name:<9}{kind:<12}{layer.output.shape!s:<11}{layer.count_params()}")

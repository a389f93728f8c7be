import keras
import numpy as np

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


# A subclassed model: its layers run on real data, never on symbolic inputs, so no layer.output
class Scorer(keras.Model):
    def __init__(self):
        super().__init__()
        self.score = keras.layers.Dense(1, name="score")

    def call(self, inputs):
        return self.score(inputs)


scorer = Scorer()
scorer(np.zeros((2, 8)))  # called, and built
try:
    print(scorer.score.output)
except AttributeError as error:
    print(f"subclassed: {type(error).__name__}: {error}")

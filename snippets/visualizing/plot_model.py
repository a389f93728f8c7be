import os

import keras

inputs = keras.Input(shape=(8,), name="features")
wide = keras.layers.Dense(16, activation="relu", name="wide")(inputs)
narrow = keras.layers.Dense(4, activation="relu", name="narrow")(inputs)
merged = keras.layers.Concatenate(name="merge")([wide, narrow])
outputs = keras.layers.Dense(1, name="score")(merged)
model = keras.Model(inputs, outputs, name="two_branches")

# A PNG diagram (needs the pydot package and Graphviz's dot program)
keras.utils.plot_model(model, to_file="model.png", show_shapes=True, show_layer_names=True)
print("model.png written:", os.path.getsize("model.png") > 0)

# An SVG diagram: build the graph with model_to_dot and write it yourself.
# dpi=72, the SVG unit: with another dpi (200 by default) Graphviz 2.43 scales
# the drawing but not its frame, and browsers show a magnified corner of it
graph = keras.utils.model_to_dot(model, show_shapes=True, show_layer_names=True, dpi=72)
graph.write_svg("model.svg")
with open("model.svg", encoding="utf-8") as svg:
    text = svg.read()  # SVG is text: each layer name is a <text>name</text> element
print("layer names in model.svg:", [x.name for x in model.layers if f">{x.name}<" in text])

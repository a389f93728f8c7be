import os

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])

os.environ["PATH"] = ""  # as if Graphviz's dot program were not installed
try:
    keras.utils.plot_model(model, to_file="model.png")
except ImportError as error:
    print("ImportError:", str(error).split(" (")[0])

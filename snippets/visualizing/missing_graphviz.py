import os

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])

path = os.environ["PATH"]
os.environ["PATH"] = ""  # as if Graphviz's dot program were not installed
try:
    keras.utils.plot_model(model, to_file="model.png")  # in IPython: prints, returns None
except ImportError as error:
    print("ImportError:", str(error).split(" (")[0])
finally:
    os.environ["PATH"] = path  # restored for the rest of the program (or notebook)

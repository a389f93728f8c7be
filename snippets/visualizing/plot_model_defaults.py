"""plot_model: show_layer_names defaults to False in Keras 3 (True in tf.keras 2); .svg fails."""

import inspect

from tensorflow import keras

for function in (keras.utils.plot_model, keras.utils.model_to_dot):
    default = inspect.signature(function).parameters["show_layer_names"].default
    print(f"keras.utils.{function.__name__}: show_layer_names={default} by default")

# plot_model(to_file="....svg") writes the file, then fails to display it
# when IPython is installed (it is whenever Jupyter is)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
try:
    keras.utils.plot_model(model, to_file="plot_model.svg")
except ValueError as error:
    print("plot_model(to_file='plot_model.svg'): ValueError:", error)

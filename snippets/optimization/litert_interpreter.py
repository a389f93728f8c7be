"""tf.lite.Interpreter still runs in TF 2.21 but is deprecated: use the LiteRT interpreter."""

import re
import warnings

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
keras.config.disable_interactive_logging()  # else the conversion prints a temporary path
tflite_model = tf.lite.TFLiteConverter.from_keras_model(model).convert()
keras.config.enable_interactive_logging()  # it also hides summary() and progress bars
x = np.arange(8, dtype=np.float32).reshape(2, 4)


def predict(interpreter) -> np.ndarray:
    runner = interpreter.get_signature_runner()  # the model's "serve" signature
    (input_name,) = runner.get_input_details()
    (output,) = runner(**{input_name: x}).values()
    return output


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = predict(tf.lite.Interpreter(model_content=tflite_model))
for warning in caught:
    message = " ".join(str(warning.message).split())  # one line
    print(warning.category.__name__, re.search(r"tf.lite.Interpreter is .*? package.", message)[0])

new = predict(Interpreter(model_content=tflite_model))  # from ai_edge_litert.interpreter
print(
    "same outputs:",
    np.allclose(old, new),
    "| Keras:",
    np.allclose(new, model.predict(x, verbose=0)),
)

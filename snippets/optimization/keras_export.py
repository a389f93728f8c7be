"""model.export(path, format=...): SavedModel and LiteRT offline; ONNX needs extra packages."""

import os
import re

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

keras.utils.set_random_seed(42)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
x = np.random.rand(5, 64).astype(np.float32)
expected = model.predict(x, verbose=0)


def litert_predict(path: str) -> np.ndarray:
    runner = Interpreter(model_path=path).get_signature_runner()
    (input_name,) = runner.get_input_details()
    (output,) = runner(**{input_name: x}).values()
    return output


# verbose=False: else export() prints where it saved (and, for a SavedModel, its signature).
model.export("saved_model", format="tf_saved_model", verbose=False)  # the default format
served = tf.saved_model.load("saved_model")
print("tf_saved_model: same predictions:", np.allclose(served.serve(x), expected, atol=1e-6))

model.export("model.tflite", format="litert", verbose=False)  # the path must end in .tflite
print(f"litert:         {os.path.getsize('model.tflite') / 1024:.1f} KB", end=", ")
print("same predictions:", np.allclose(litert_predict("model.tflite"), expected, atol=1e-6))

# Other keyword arguments go to the TFLite converter: here, dynamic range quantization.
model.export(
    "small.tflite", format="litert", verbose=False, optimizations=[tf.lite.Optimize.DEFAULT]
)
print(f"litert, Optimize.DEFAULT: {os.path.getsize('small.tflite') / 1024:.1f} KB", end=", ")
print("close:", np.allclose(litert_predict("small.tflite"), expected, atol=0.01))

# ONNX and OpenVINO need packages this site does not install (onnx, tf2onnx, openvino).
for fmt, path in [("onnx", "model.onnx"), ("openvino", "model.xml")]:
    try:
        model.export(path, format=fmt, verbose=False)
    except ImportError as error:
        print(f"{fmt}: {type(error).__name__}: {error}")

# An int8-quantized Keras model does not convert to LiteRT (Keras 3.15, TF 2.21).
model.quantize("int8")
try:
    model.export("int8.tflite", format="litert", verbose=False)
except Exception as error:  # tensorflow.lite's ConverterError
    print("int8-quantized model to litert:", type(error).__name__)
    print(" ", re.search(r"'tfl.fully_connected' op operand #0 .*? but got '.*?'", str(error))[0])

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

# A model.quantize()d model converts only with weight-only quantization (Keras 3.15, TF 2.21):
# "int8" by default also quantizes each Dense layer's input, and the converter rejects that.
configs = {
    "int8": None,
    "int8, weight-only": keras.quantizers.Int8QuantizationConfig(activation_quantizer=None),
    "int4": None,  # weight-only by default, a scale and zero point per group of 128 input rows
    "int4, per channel": keras.quantizers.Int4QuantizationConfig(block_size=None),
}
quantized = {}
for name, config in configs.items():
    quantized[name] = keras.models.clone_model(model)
    quantized[name].set_weights(model.get_weights())
    quantized[name].quantize(name[:4], config=config)  # warns: InputLayer has no quantize()
    path = name.replace(", ", "_").replace(" ", "_") + ".tflite"
    try:
        quantized[name].export(path, format="litert", verbose=False)
    except Exception as error:  # tensorflow.lite's ConverterError
        print(f"{name + ':':<19}{type(error).__name__}")
        rejected = re.search(r"'tfl.fully_connected' op operand #0 .*? but got '.*?'", str(error))
        print(" ", rejected[0])
        continue
    size_kb = os.path.getsize(path) / 1024
    difference = np.abs(litert_predict(path) - quantized[name](x)).max()
    print(f"{name + ':':<19}{size_kb:.1f} KB, off the Keras model by {difference:.3f}")

# The int4 model (groups of 128) exports right as a SavedModel, but its LiteRT file computes
# the model without the first layer's ReLU: a converter defect seen with TF 2.21.
quantized["int4"].export("int4_saved_model", verbose=False)
served_int4 = tf.saved_model.load("int4_saved_model")
difference = np.abs(served_int4.serve(x) - quantized["int4"](x)).max()
print(f"int4 SavedModel: off the Keras model by {difference:.3f}")
quantized["int4"].layers[0].activation = None  # the call reads it at each (eager) call
difference = np.abs(litert_predict("int4.tflite") - quantized["int4"](x)).max()
print(f"int4 Keras model without its first ReLU: off the int4 file by {difference:.3f}")

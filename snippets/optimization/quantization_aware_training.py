"""Quantization-aware training with tfmot: fake-quantize, fine-tune, convert to int8 TFLite."""

import os
from collections import Counter

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # before TensorFlow loads: tfmot needs Keras 2

import numpy as np
import tensorflow as tf
import tensorflow_model_optimization as tfmot
import tf_keras as keras
from ai_edge_litert.interpreter import Interpreter
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target, test_size=0.2, random_state=0
)

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, verbose=0)
print(f"float model: test accuracy {model.evaluate(x_test, y_test, verbose=0)[1]:.2f}")

# Every layer now simulates int8 rounding in its forward pass; training adapts to it.
qat_model = tfmot.quantization.keras.quantize_model(model)
qat_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
qat_model.fit(x_train, y_train, epochs=1, verbose=0)
print(f"QAT model:   test accuracy {qat_model.evaluate(x_test, y_test, verbose=0)[1]:.2f}")
print("layers:", [layer.__class__.__name__ for layer in qat_model.layers])

# The converter turns the learned quantization ranges into a real int8 model.
converter = tf.lite.TFLiteConverter.from_keras_model(qat_model)
converter.optimizations = [tf.lite.Optimize.DEFAULT]
tflite_model = converter.convert()

interpreter = Interpreter(model_content=tflite_model)
runner = interpreter.get_signature_runner()
(input_name,) = runner.get_input_details()
outputs = runner(**{input_name: x_test})
(probabilities,) = outputs.values()
tflite_accuracy = np.mean(probabilities.argmax(axis=1) == y_test)
print(f"TFLite model: {len(tflite_model):,} bytes, test accuracy {tflite_accuracy:.2f}")
tensor_types = Counter(t["dtype"].__name__ for t in interpreter.get_tensor_details())
print("its tensors by type:", dict(sorted(tensor_types.items())))

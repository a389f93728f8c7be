"""SavedModel in Keras 3: model.export(dir); reload with TFSMLayer or tf.saved_model.load."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)]
)
x = np.random.rand(5, 4).astype("float32")
expected = model.predict(x, verbose=0)

model.export("exported_model", verbose=False)  # verbose=True lists the endpoints

# 1. In Keras: an inference-only layer that calls the SavedModel's "serve" endpoint.
layer = keras.layers.TFSMLayer("exported_model", call_endpoint="serve")
print("TFSMLayer:               match", np.allclose(layer(x), expected))
wrapped = keras.Sequential([keras.Input(shape=(4,)), layer])  # usable inside a model
print("inside a Sequential:     match", np.allclose(wrapped.predict(x, verbose=0), expected))

# 2. Plain TensorFlow (as TF Serving would): keep the loaded object in a variable.
loaded = tf.saved_model.load("exported_model")
print("tf.saved_model.load:     match", np.allclose(loaded.serve(x), expected))
print("signatures:", sorted(loaded.signatures))

try:  # the loaded object is dropped at once, and its variables with it
    tf.saved_model.load("exported_model").serve(x)
except AssertionError as error:
    print("load(...).serve(x) ->", type(error).__name__ + ":", str(error).split(".")[0])

# load_model() reads .keras and .h5 files and Keras-format folders, not a SavedModel folder.
try:
    keras.models.load_model("exported_model")
except ValueError as error:
    print("keras.models.load_model(dir) -> ValueError:", str(error).split(".")[0])

"""tfmot 0.8 and a Keras 3 model: pruning and QAT raise, clustering returns None."""

import os

import keras

print("Keras", keras.__version__, "| TF_USE_LEGACY_KERAS =", os.environ.get("TF_USE_LEGACY_KERAS"))
model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10)])

import tensorflow_model_optimization as tfmot  # noqa: E402  (imported late on purpose)

# Importing tfmot switched the whole process to legacy Keras for what loads next.
print("after importing tfmot: TF_USE_LEGACY_KERAS =", os.environ.get("TF_USE_LEGACY_KERAS"))

try:
    tfmot.sparsity.keras.prune_low_magnitude(model)
except ValueError as error:
    print("prune_low_magnitude: ValueError ...", str(error).split(". ")[-1])
try:
    tfmot.quantization.keras.quantize_model(model)
except ValueError as error:
    print("quantize_model: ValueError", error)
print(
    "cluster_weights returned", tfmot.clustering.keras.cluster_weights(model, number_of_clusters=8)
)

"""tfmot 0.8 and tf.keras: legacy Keras 2 models work; Keras 3 models are refused."""

import os

import tensorflow as tf

print("tf.keras is", tf.keras.layers.Dense.__module__.split(".")[0], end=" | ")
print("TF_USE_LEGACY_KERAS =", os.environ.get("TF_USE_LEGACY_KERAS"))
model = tf.keras.Sequential([tf.keras.Input(shape=(64,)), tf.keras.layers.Dense(10)])

import tensorflow_model_optimization as tfmot  # noqa: E402  (imported late on purpose)

# Importing tfmot switches the whole process to legacy Keras for what loads next.
print("after importing tfmot: TF_USE_LEGACY_KERAS =", os.environ.get("TF_USE_LEGACY_KERAS"))


def attempt(name: str, wrap) -> None:
    """Print the layers of the wrapped model, or the error."""
    try:
        print(f"{name}:", [type(layer).__name__ for layer in wrap(model).layers])
    except ValueError as error:
        print(f"{name}: ValueError ...", str(error).split(". ")[-1])


attempt("prune_low_magnitude", tfmot.sparsity.keras.prune_low_magnitude)
attempt("quantize_model", tfmot.quantization.keras.quantize_model)
clustered = tfmot.clustering.keras.cluster_weights(model, number_of_clusters=8)
print("cluster_weights returned", type(clustered).__name__)

"""Weight clustering with tfmot: share 16 values per layer, fine-tune, strip, count them."""

import gzip
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # before TensorFlow loads: tfmot needs Keras 2

import numpy as np
import tensorflow_model_optimization as tfmot
import tf_keras as keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    (digits.data / 16.0).astype(np.float32), digits.target, test_size=0.2, random_state=0
)


def gzipped(model: keras.Model) -> str:
    """The size of the model's weights after gzip, as a share of their raw size."""
    raw = b"".join(weights.tobytes() for weights in model.get_weights())
    return f"{len(gzip.compress(raw)) / len(raw):.0%}"


model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, verbose=0)
accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"dense model:     test accuracy {accuracy:.2f}, weights gzip to {gzipped(model)}")

clustered = tfmot.clustering.keras.cluster_weights(
    model,
    number_of_clusters=16,  # each kernel keeps only 16 distinct values (the centroids)
    cluster_centroids_init=tfmot.clustering.keras.CentroidInitialization.KMEANS_PLUS_PLUS,
)
# Fine-tune with a small learning rate: the centroids move, the assignments stay.
clustered.compile(
    optimizer=keras.optimizers.Adam(1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
clustered.fit(x_train, y_train, epochs=1, verbose=0)

final = tfmot.clustering.keras.strip_clustering(clustered)  # back to plain Dense layers
final.compile(metrics=["accuracy"])
accuracy = final.evaluate(x_test, y_test, verbose=0)[1]
print(f"clustered model: test accuracy {accuracy:.2f}, weights gzip to {gzipped(final)}")
for layer in final.layers:
    kernel = layer.kernel.numpy()
    print(f"{layer.name}: kernel {kernel.shape}, {len(np.unique(kernel))} unique values")

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
# Fine-tune with a small learning rate. Gradient descent moves the centroids, and every call of
# a clustered layer assigns each weight again to its nearest centroid: both change.
clustered.compile(
    optimizer=keras.optimizers.Adam(1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)


def assignments_and_centroids() -> list[tuple[np.ndarray, np.ndarray]]:
    """For each clustered kernel: the centroid index of each weight, and the centroids."""
    return [
        (layer.pulling_indices["kernel"].numpy(), layer.cluster_centroids["kernel"].numpy())
        for layer in clustered.layers
    ]


before = assignments_and_centroids()
clustered.fit(x_train, y_train, epochs=1, verbose=0)
after = assignments_and_centroids()
moved = max(np.abs(old[1] - new[1]).max() for old, new in zip(before, after, strict=True))
changed = sum(int((old[0] != new[0]).sum()) for old, new in zip(before, after, strict=True))
weights = sum(old[0].size for old in before)
print(
    f"after 1 epoch:   centroids moved by up to {moved:.3f}; "
    f"{changed} of {weights:,} weights ({changed / weights:.1%}) changed cluster"
)

final = tfmot.clustering.keras.strip_clustering(clustered)  # back to plain Dense layers
final.compile(metrics=["accuracy"])
accuracy = final.evaluate(x_test, y_test, verbose=0)[1]
print(f"clustered model: test accuracy {accuracy:.2f}, weights gzip to {gzipped(final)}")
for layer in final.layers:
    kernel = layer.kernel.numpy()
    print(f"{layer.name}: kernel {kernel.shape}, {len(np.unique(kernel))} unique values")

"""steps_per_epoch: how many batches make an epoch, needed when the data never runs out."""

import keras
import tensorflow as tf
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target

finite = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
batch_sizes = [int(images.shape[0]) for images, _ in finite]
print(f"finite dataset: {len(batch_sizes)} batches, the last two of {batch_sizes[-2:]} samples")

# repeat() makes the dataset endless: fit() cannot tell where an epoch ends.
endless = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x)).batch(32).repeat()
endless_size = endless.cardinality()
print(
    "endless dataset: cardinality() == INFINITE_CARDINALITY:",
    bool(endless_size == tf.data.INFINITE_CARDINALITY),
)

model = keras.Sequential(
    [keras.Input(shape=(64,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)]
)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))

# Each epoch ends after steps_per_epoch batches; the next epoch continues the same stream.
updates_so_far = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: print(
        f"  after epoch {epoch + 1}: {int(model.optimizer.iterations)} gradient updates"
    )
)
print("fit(endless, epochs=3, steps_per_epoch=10):")
history = model.fit(
    endless,
    epochs=3,
    steps_per_epoch=10,
    shuffle=False,  # the dataset shuffles itself; fit's default shuffle=True would only warn
    verbose=0,
    callbacks=[updates_so_far],
)
print("  epochs in history:", len(history.history["loss"]))

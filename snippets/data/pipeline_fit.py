"""A tf.data pipeline over TFRecord files feeding model.fit: parse, shuffle, batch, prefetch."""

import warnings

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Write the 1,797 scikit-learn digits as PNG records: a training file and a test file.
digits = load_digits()
splits = train_test_split(
    digits.images.astype(np.uint8), digits.target, test_size=0.2, random_state=0
)
x_train, x_test, y_train, y_test = splits


def write_records(path: str, images: np.ndarray, labels: np.ndarray) -> None:
    with tf.io.TFRecordWriter(path) as writer:
        for image, label in zip(images, labels, strict=True):
            png = tf.io.encode_png(image[:, :, np.newaxis]).numpy()
            features = {
                "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[png])),
                "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
            }
            example = tf.train.Example(features=tf.train.Features(feature=features))
            writer.write(example.SerializeToString())


write_records("train.tfrecord", x_train, y_train)
write_records("test.tfrecord", x_test, y_test)

feature_description = {
    "image": tf.io.FixedLenFeature([], tf.string),
    "label": tf.io.FixedLenFeature([], tf.int64),
}


def parse(record: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    example = tf.io.parse_single_example(record, feature_description)
    image = tf.io.decode_png(example["image"], channels=1)  # shape unknown until run time
    image = tf.ensure_shape(image, (8, 8, 1))  # declare it, so the dataset knows it too
    return tf.cast(image, tf.float32) / 16.0, example["label"]  # (x, y) pairs for fit()


# Try parse() on one record, eagerly, before handing it to dataset.map().
image, label = parse(next(iter(tf.data.TFRecordDataset("train.tfrecord"))))
print("one record by hand:", image.shape, image.dtype.name, "label", int(label))

AUTOTUNE = tf.data.AUTOTUNE


def load(path: str, count: int) -> tf.data.Dataset:
    """(image, label) pairs from a TFRecord file of `count` records."""
    records = tf.data.TFRecordDataset(path)
    # A file's record count is unknown until it is read through; state it (see below).
    records = records.apply(tf.data.experimental.assert_cardinality(count))
    return records.map(parse, num_parallel_calls=AUTOTUNE)  # parse in parallel


train = (
    load("train.tfrecord", len(y_train))
    .shuffle(buffer_size=2000, seed=42)  # a new, reproducible order every epoch
    .batch(64)
    .prefetch(AUTOTUNE)  # prepare the next batch while the model trains on this one
)
test = load("test.tfrecord", len(y_test)).batch(64).prefetch(AUTOTUNE)
print("element_spec:", train.element_spec)
print("batches per epoch:", int(train.cardinality()))

model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    # shuffle=False: fit() cannot shuffle a dataset (the dataset shuffles itself).
    history = model.fit(train, validation_data=test, epochs=5, shuffle=False, verbose=0)
print("warnings from fit():", len(caught))

print("train accuracy per epoch:", [round(a, 2) for a in history.history["accuracy"]])
loss, accuracy = model.evaluate(test, verbose=0)
print(f"test accuracy: {accuracy:.2f}")

# Without assert_cardinality, the dataset's length is unknown (-2): fit() finds each epoch's
# end when the data runs out, and warns then (Keras 3.15.1), though training goes on.
unknown = tf.data.TFRecordDataset("train.tfrecord").map(parse).batch(64)
print("\ncardinality without assert_cardinality:", int(unknown.cardinality()))


class StepsPerEpoch(keras.callbacks.Callback):
    """Counts the training steps of each epoch."""

    def __init__(self):
        super().__init__()
        self.steps = []

    def on_epoch_begin(self, epoch, logs=None):
        self.steps.append(0)

    def on_train_batch_end(self, batch, logs=None):
        self.steps[-1] += 1


for action in ["default", "always"]:  # "default": what Python does unless told otherwise
    counter = StepsPerEpoch()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        model.fit(unknown, epochs=3, shuffle=False, verbose=0, callbacks=[counter])
    messages = sorted({str(warning.message).split(". ")[0] for warning in caught})
    print(f"filter {action!r}: steps per epoch {counter.steps}, warnings: {len(caught)} {messages}")

"""Read TFRecord records back into tensors: TFRecordDataset + tf.io.parse_single_example."""

import re

import tensorflow as tf


def make_example(name: bytes, size: list[float], legs: int) -> tf.train.Example:
    features = {
        "name": tf.train.Feature(bytes_list=tf.train.BytesList(value=[name])),
        "size": tf.train.Feature(float_list=tf.train.FloatList(value=size)),
        "legs": tf.train.Feature(int64_list=tf.train.Int64List(value=[legs])),
    }
    return tf.train.Example(features=tf.train.Features(feature=features))


with tf.io.TFRecordWriter("animals.tfrecord") as writer:
    writer.write(make_example(b"cat", [0.5, 4.25], 4).SerializeToString())
    writer.write(make_example(b"hen", [0.25, 2.0], 2).SerializeToString())

# The feature description: name -> how to parse it (shape, dtype, optional default).
feature_description = {
    "name": tf.io.FixedLenFeature([], tf.string),
    "size": tf.io.FixedLenFeature([2], tf.float32),
    "legs": tf.io.FixedLenFeature([], tf.int64),
    "color": tf.io.FixedLenFeature([], tf.string, default_value="unknown"),  # not in the file
}


def parse(record: tf.Tensor) -> dict[str, tf.Tensor]:
    return tf.io.parse_single_example(record, feature_description)


# parse() works on one record, eagerly; dataset.map() runs it as a traced graph.
first = parse(next(iter(tf.data.TFRecordDataset("animals.tfrecord"))))
print("one record by hand:", sorted(first))
dataset = tf.data.TFRecordDataset("animals.tfrecord").map(parse)
for key, spec in sorted(dataset.element_spec.items()):
    print(f"{key:<5} {spec.dtype.name:<7} shape {spec.shape}")
for animal in dataset:
    name, color = animal["name"].numpy(), animal["color"].numpy()
    print(name, animal["size"].numpy(), int(animal["legs"]), color)

# A FixedLenFeature without a default must be in every record, or iterating raises.
strict = {**feature_description, "color": tf.io.FixedLenFeature([], tf.string)}
try:
    list(
        tf.data.TFRecordDataset("animals.tfrecord").map(
            lambda r: tf.io.parse_single_example(r, strict)
        )
    )
except tf.errors.InvalidArgumentError as error:
    print(type(error).__name__, re.search(r"Feature: .* could not be found", error.message).group())

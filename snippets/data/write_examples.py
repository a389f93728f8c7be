"""Write tf.train.Example records (bytes, float and int64 features) to a TFRecord file."""

import tensorflow as tf


def bytes_feature(value: bytes) -> tf.train.Feature:
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=[value]))


def float_feature(values: list[float]) -> tf.train.Feature:
    return tf.train.Feature(float_list=tf.train.FloatList(value=values))


def int64_feature(value: int) -> tf.train.Feature:
    return tf.train.Feature(int64_list=tf.train.Int64List(value=[value]))


def make_example(name: str, size: list[float], legs: int) -> tf.train.Example:
    features = {
        "name": bytes_feature(name.encode("utf-8")),
        "size": float_feature(size),
        "legs": int64_feature(legs),
    }
    return tf.train.Example(features=tf.train.Features(feature=features))


animals = [("cat", [0.5, 4.25], 4), ("hen", [0.25, 2.0], 2), ("ant", [0.0, 0.125], 6)]

# One record per example: the file holds the serialized protocol buffers.
with tf.io.TFRecordWriter("animals.tfrecord") as writer:
    for name, size, legs in animals:
        writer.write(make_example(name, size, legs).SerializeToString())

# A TFRecordDataset yields each record as a scalar string tensor (the raw bytes).
dataset = tf.data.TFRecordDataset("animals.tfrecord")
print(len(list(dataset)), "records in animals.tfrecord")
for record in dataset.take(1):
    print("record:", record.dtype, record.shape, len(record.numpy()), "bytes")
    example = tf.train.Example.FromString(record.numpy())  # decode the protocol buffer
    for key, feature in sorted(example.features.feature.items()):
        kind = feature.WhichOneof("kind")  # bytes_list, float_list or int64_list
        print(f"{key:<4} {kind:<10} {list(getattr(feature, kind).value)}")

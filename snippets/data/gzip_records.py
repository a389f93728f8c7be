"""GZIP-compressed TFRecord files: TFRecordOptions to write, compression_type to read."""

import os
import re

import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
records = []
for pixels, label in zip(digits.data, digits.target, strict=True):  # 64 floats per digit
    features = {
        "pixels": tf.train.Feature(float_list=tf.train.FloatList(value=pixels)),
        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
    }
    example = tf.train.Example(features=tf.train.Features(feature=features))
    # deterministic=True writes the features in a fixed order: the same bytes in every run.
    records.append(example.SerializeToString(deterministic=True))

with tf.io.TFRecordWriter("digits.tfrecord") as writer:
    for record in records:
        writer.write(record)

options = tf.io.TFRecordOptions(compression_type="GZIP")
with tf.io.TFRecordWriter("digits.tfrecord.gz", options=options) as writer:
    for record in records:
        writer.write(record)

plain_size = os.path.getsize("digits.tfrecord")
gzip_size = os.path.getsize("digits.tfrecord.gz")
print(f"digits.tfrecord     {plain_size:>8,} bytes")
print(f"digits.tfrecord.gz  {gzip_size:>8,} bytes ({gzip_size / plain_size:.0%})")

# Reading needs the same compression_type; the records come back byte for byte.
plain = [r.numpy() for r in tf.data.TFRecordDataset("digits.tfrecord")]
gzipped = [
    r.numpy() for r in tf.data.TFRecordDataset("digits.tfrecord.gz", compression_type="GZIP")
]
print(len(plain), "and", len(gzipped), "records, equal:", plain == gzipped == records)

# Without compression_type, the GZIP file is not a valid TFRecord file.
try:
    next(iter(tf.data.TFRecordDataset("digits.tfrecord.gz")))
except tf.errors.DataLossError as error:
    print(type(error).__name__, re.search(r"corrupted record.*file\?\)", error.message).group())

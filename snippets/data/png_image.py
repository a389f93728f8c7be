"""Store an image as PNG bytes in a tf.train.Example, then parse and decode it."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits, load_sample_image

digits = load_digits()
image = digits.images[0].astype(np.uint8)  # one 8 x 8 digit, grey levels 0..16
label = int(digits.target[0])

png = tf.io.encode_png(image[:, :, np.newaxis]).numpy()  # PNG wants (height, width, channels)
features = {
    "image": tf.train.Feature(bytes_list=tf.train.BytesList(value=[png])),
    "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
}
with tf.io.TFRecordWriter("digit.tfrecord") as writer:
    writer.write(tf.train.Example(features=tf.train.Features(feature=features)).SerializeToString())

feature_description = {
    "image": tf.io.FixedLenFeature([], tf.string),
    "label": tf.io.FixedLenFeature([], tf.int64),
}
record = next(iter(tf.data.TFRecordDataset("digit.tfrecord")))
parsed = tf.io.parse_single_example(record, feature_description)
decoded = tf.io.decode_png(parsed["image"], channels=1)  # uint8, (8, 8, 1)

print("PNG:", png[:4], len(png), "bytes")
print("decoded:", decoded.dtype.name, decoded.shape, "label", int(parsed["label"]))
print("same pixels as the original:", np.array_equal(decoded[:, :, 0], image))
for row in decoded[:, :, 0].numpy():
    print("".join(" .:-=+*#%@"[value * 9 // 16] for value in row).rstrip())  # no trailing blanks

# PNG's headers outweigh 64 pixels; a photograph is where encoding saves space.
photo = load_sample_image("china.jpg")  # a 427 x 640 RGB photograph shipped with scikit-learn
png_share = len(tf.io.encode_png(photo).numpy()) / photo.nbytes
jpeg_share = len(tf.io.encode_jpeg(photo, quality=90).numpy()) / photo.nbytes
print(f"photo {photo.shape}, {photo.nbytes:,} bytes of pixels:", end=" ")
print(f"PNG {png_share:.0%} of that, JPEG (quality 90) {jpeg_share:.0%}")

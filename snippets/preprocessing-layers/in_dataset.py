"""Preprocessing in a tf.data pipeline: dataset.map(layer), before the model."""

import keras
import tensorflow as tf

keras.utils.set_random_seed(42)

texts = ["a great film", "i loved it", "a bad film", "i hated it"]
labels = [1, 1, 0, 0]

vectorize = keras.layers.TextVectorization(output_sequence_length=4)
# adapt() also takes a dataset: here, batches of strings without their labels.
text_ds = tf.data.Dataset.from_tensor_slices(texts).batch(2)
vectorize.adapt(text_ds)

# map(layer) on a dataset of strings alone...
print("map(vectorize):", [b.tolist() for b in text_ds.map(vectorize).as_numpy_iterator()])

# ...and on (text, label) pairs, a function that applies it to the text only.
train = (
    tf.data.Dataset.from_tensor_slices((texts, labels))
    .batch(2)
    .map(lambda x, y: (vectorize(x), y), num_parallel_calls=tf.data.AUTOTUNE)
    .prefetch(tf.data.AUTOTUNE)
)
x, y = next(iter(train))
print("first batch:", x.dtype.name, x.shape, x.numpy().tolist(), y.numpy().tolist())

# The model sees integers only: the strings never reach it.
model = keras.Sequential(
    [
        keras.Input(shape=(4,), dtype="int64"),
        keras.layers.Embedding(vectorize.vocabulary_size(), 4),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy")
history = model.fit(train, epochs=2, shuffle=False, verbose=0)
print("trained for", len(history.history["loss"]), "epochs")

"""A text classifier trained on integers, exported with its TextVectorization for raw strings."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

texts = [
    "a great film",
    "great acting and a great story",
    "i loved it",
    "a wonderful film",
    "loved the story",
    "a bad film",
    "bad acting and a boring story",
    "i hated it",
    "a terrible film",
    "boring and bad",
]
labels = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], dtype="float32")

vectorize = keras.layers.TextVectorization(output_sequence_length=8)
vectorize.adapt(texts)
tokens = vectorize(texts)  # the training data: integers, computed once

# 1. The model that trains: integer tokens in, a probability out.
model = keras.Sequential(
    [
        keras.Input(shape=(8,), dtype="int64"),
        keras.layers.Embedding(vectorize.vocabulary_size(), 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy")
model.fit(tokens, labels, epochs=30, batch_size=10, verbose=0)

# 2. The model to export: raw strings in, the vectorizer, then the trained model.
raw = keras.Input(shape=(1,), dtype="string")
end_to_end = keras.Model(raw, model(vectorize(raw)))
print("input:", end_to_end.input.dtype, end_to_end.input.shape)
end_to_end.save("classifier.keras")
reloaded = keras.models.load_model("classifier.keras")

reviews = tf.constant([["a great story"], ["a boring film"], ["i loved the acting"]])
before = end_to_end.predict(reviews, verbose=0)
after = reloaded.predict(reviews, verbose=0)
for review, p, q in zip(reviews.numpy()[:, 0], before[:, 0], after[:, 0], strict=True):
    print(f"{review.decode()!r:22} before saving {p:.3f}, after reloading {q:.3f}")
print("the same predictions:", np.array_equal(before, after))

# predict() on a 2-D NumPy array of strings fails in Keras 3.15.1; model(x) takes it.
as_numpy = np.array([["a great story"]], dtype=object)
print("model(numpy):", f"{keras.ops.convert_to_numpy(reloaded(as_numpy))[0, 0]:.3f}")
for array in (as_numpy, as_numpy.astype(str)):
    try:
        reloaded.predict(array, verbose=0)
    except ValueError as error:
        print(f"predict(numpy, dtype {array.dtype}):", type(error).__name__, error)

# A 1-D object array works in predict(), but not after calls of another rank (n, 1).
try:
    reloaded.predict(as_numpy[:, 0], verbose=0)
except ValueError as error:
    print("predict(1-D numpy) after (n, 1) calls:", type(error).__name__, error)
fresh = keras.models.load_model("classifier.keras")
print("predict(1-D numpy), fresh model:", f"{fresh.predict(as_numpy[:, 0], verbose=0)[0, 0]:.3f}")

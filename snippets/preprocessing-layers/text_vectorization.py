"""TextVectorization: adapt() builds a vocabulary; the layer maps strings to integers."""

import keras

corpus = [
    "The cat sat on the mat.",
    "The dog sat on the log.",
    "A cat and a dog!",
]

vectorize = keras.layers.TextVectorization(
    output_mode="int",  # one integer per word
    output_sequence_length=6,  # pad with 0, or cut, to 6 integers
)
vectorize.adapt(corpus)

vocab = [str(word) for word in vectorize.get_vocabulary()]
print("vocabulary size:", vectorize.vocabulary_size())
print("vocabulary:", vocab)

batch = ["the cat sat", "A bird sat on the big red mat"]
ids = keras.ops.convert_to_numpy(vectorize(batch))
print("shape:", ids.shape)
for text, row in zip(batch, ids, strict=True):
    print(f"{text!r:32} -> {row.tolist()}")
    print(f"{'':32}    {[vocab[i] for i in row]}")

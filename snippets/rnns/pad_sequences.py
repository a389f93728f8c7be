"""keras.utils.pad_sequences: lists of different lengths -> one (samples, maxlen) array."""

import inspect

import keras

print("pad_sequences" + str(inspect.signature(keras.utils.pad_sequences)))
sentences = [[3, 5, 2], [7, 1], [4, 9, 6, 8, 2]]  # e.g. word indices, 0 reserved for padding

print("default (padding='pre'):")
print(keras.utils.pad_sequences(sentences))
print("padding='post':")
print(keras.utils.pad_sequences(sentences, padding="post"))
print("maxlen=4 (truncating='pre' drops the start of longer ones), padding='post':")
print(keras.utils.pad_sequences(sentences, maxlen=4, padding="post"))
padded = keras.utils.pad_sequences(sentences, maxlen=4, truncating="post", value=-1)
print("truncating='post', value=-1:")
print(padded)
print("dtype:", padded.dtype)
# The default dtype="int32" truncates float values: say dtype="float32" for float features.
print("floats, default dtype:", keras.utils.pad_sequences([[0.5, 1.5]], maxlen=3).tolist())
print(
    "dtype='float32':      ",
    keras.utils.pad_sequences([[0.5, 1.5]], maxlen=3, dtype="float32").tolist(),
)

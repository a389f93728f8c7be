"""StringLookup(invert=True): integers back to the strings of the same vocabulary."""

import keras

vocabulary = ["red", "green", "blue"]
lookup = keras.layers.StringLookup(vocabulary=vocabulary)
inverse = keras.layers.StringLookup(vocabulary=vocabulary, invert=True)

ids = lookup([["red", "blue", "purple"]])
print("ids:", keras.ops.convert_to_numpy(ids).tolist())
back = keras.ops.convert_to_numpy(inverse(ids))
print("back:", [[s.decode() for s in row] for row in back])

"""StringLookup: strings of a fixed vocabulary to integers, with an index for unknown ones."""

import keras

lookup = keras.layers.StringLookup(vocabulary=["red", "green", "blue"])
print("vocabulary:", [str(word) for word in lookup.get_vocabulary()])
print("size:", lookup.vocabulary_size())

colors = [["red", "blue", "purple"], ["green", "", "red"]]
print("ids:", keras.ops.convert_to_numpy(lookup(colors)).tolist())

# Two indices for unknown strings: each one is hashed to index 0 or 1.
lookup2 = keras.layers.StringLookup(vocabulary=["red", "green", "blue"], num_oov_indices=2)
print("vocabulary:", [str(word) for word in lookup2.get_vocabulary()])
print("ids:", keras.ops.convert_to_numpy(lookup2(colors)).tolist())

# mask_token="" reserves index 0 for padding; unknown strings move to index 1.
lookup3 = keras.layers.StringLookup(vocabulary=["red", "green", "blue"], mask_token="")
print("vocabulary:", [str(word) for word in lookup3.get_vocabulary()])
print("ids:", keras.ops.convert_to_numpy(lookup3(colors)).tolist())

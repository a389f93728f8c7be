"""Masks: padded timesteps are skipped, so extra padding leaves the LSTM's output unchanged."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
# Layers return the backend's tensors; NumPy needs arrays (PyTorch's may require grad).
to_numpy = keras.ops.convert_to_numpy

sentence = [3, 5, 2]
short = keras.utils.pad_sequences([sentence], maxlen=4, padding="post")  # [[3 5 2 0]]
long = keras.utils.pad_sequences([sentence], maxlen=9, padding="post")  # five more zeros

# Embedding(mask_zero=True): index 0 means "padding", and the layer emits a mask for it.
embedding = keras.layers.Embedding(input_dim=10, output_dim=4, mask_zero=True)
lstm = keras.layers.LSTM(3)
print("mask for", short[0].tolist(), "->", to_numpy(embedding.compute_mask(short)).tolist())

# Called eagerly, the embedding attaches the mask to its output, and the LSTM reads it there.
embedded = embedding(short)
print("embedded._keras_mask:", to_numpy(embedded._keras_mask).tolist())
print("LSTM, 4 steps:", np.round(to_numpy(lstm(embedding(short))), 4))
print("LSTM, 9 steps:", np.round(to_numpy(lstm(embedding(long))), 4))
print("LSTM, unpadded:", np.round(to_numpy(lstm(embedding(np.array([sentence])))), 4))
pre = keras.utils.pad_sequences([sentence], maxlen=9)  # padding="pre": zeros first
print("LSTM, 9 steps, padding='pre':", np.round(to_numpy(lstm(embedding(pre))), 4))

# Without a mask the padding steps run through the LSTM too, and change its output.
unmasked = to_numpy(embedding(long))  # a plain array: the mask is left behind
reference = to_numpy(lstm(embedding(short)))
print(
    "9 steps, no mask, equal to 4 steps with it:", np.allclose(to_numpy(lstm(unmasked)), reference)
)
# The mask can also be passed by hand: mask= is an argument of every recurrent layer.
by_hand = lstm(unmasked, mask=long != 0)
print("9 steps, mask= by hand, equal:", np.allclose(to_numpy(by_hand), reference))

# In a model, the mask travels from layer to layer by itself (each layer here is called with
# one tensor); Masking makes one for float features: a step whose features all equal
# mask_value is skipped.
features = np.random.rand(1, 3, 2).astype("float32")
padded = np.concatenate([features, np.zeros((1, 6, 2), "float32")], axis=1)  # 6 zero steps
model = keras.Sequential(
    [
        keras.Input(shape=(None, 2)),
        keras.layers.Masking(mask_value=0.0),
        keras.layers.Bidirectional(keras.layers.LSTM(3)),  # the backward LSTM skips them too
    ]
)
print(
    "Masking + Bidirectional, 3 vs 9 steps, equal:",
    np.allclose(to_numpy(model(features)), to_numpy(model(padded))),
)
unmasked_model = keras.Sequential([keras.Input(shape=(None, 2)), model.layers[1]])  # same weights
print(
    "without Masking, equal:",
    np.allclose(to_numpy(unmasked_model(features)), to_numpy(unmasked_model(padded))),
)

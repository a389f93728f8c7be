"""An LSTM encoder-decoder, trained with teacher forcing to reverse 5 digits."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
LENGTH, START, UNITS = 5, 10, 64  # digits 0-9 and a start token, 10

rng = np.random.default_rng(0)  # the data, the same on every backend
source = rng.integers(0, 10, size=(3000, LENGTH))
target = source[:, ::-1]  # the task: the source reversed
# Teacher forcing: the decoder reads the target shifted right by one, after a start token.
decoder_input = np.concatenate([np.full((len(target), 1), START), target[:, :-1]], axis=1)
print("source:       ", source[0])
print("decoder input:", decoder_input[0])
print("target:       ", target[0])

# Encoder: read the source, keep only the final states h and c.
source_in = keras.Input(shape=(LENGTH,), name="source")
encoder_embedding = keras.layers.Embedding(START + 1, 16)
encoder = keras.layers.LSTM(UNITS, return_state=True)
_, h, c = encoder(encoder_embedding(source_in))
print("encoder states:", tuple(h.shape), tuple(c.shape))

# Decoder: start from the encoder's states, predict the next digit at every step.
decoder_in = keras.Input(shape=(LENGTH,), name="decoder_input")
decoder_embedding = keras.layers.Embedding(START + 1, 16)
decoder = keras.layers.LSTM(UNITS, return_sequences=True, return_state=True)
head = keras.layers.Dense(10, activation="softmax")
sequence, _, _ = decoder(decoder_embedding(decoder_in), initial_state=[h, c])
model = keras.Model([source_in, decoder_in], head(sequence))
print("model output:", tuple(model.output.shape))

model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit([source, decoder_input], target, epochs=8, batch_size=64, verbose=0)
print("training accuracy by epoch:", [round(a, 2) for a in history.history["accuracy"]])

"""Inference: encode once, then decode one step at a time, feeding back each prediction."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
LENGTH, START, UNITS = 5, 10, 64

# The model of the previous block, trained the same way.
rng = np.random.default_rng(0)
source = rng.integers(0, 10, size=(3000, LENGTH))
target = source[:, ::-1]
decoder_input = np.concatenate([np.full((len(target), 1), START), target[:, :-1]], axis=1)
source_in = keras.Input(shape=(LENGTH,), name="source")
encoder_embedding = keras.layers.Embedding(START + 1, 16)
encoder = keras.layers.LSTM(UNITS, return_state=True)
_, h, c = encoder(encoder_embedding(source_in))
decoder_in = keras.Input(shape=(LENGTH,), name="decoder_input")
decoder_embedding = keras.layers.Embedding(START + 1, 16)
decoder = keras.layers.LSTM(UNITS, return_sequences=True, return_state=True)
head = keras.layers.Dense(10, activation="softmax")
sequence, _, _ = decoder(decoder_embedding(decoder_in), initial_state=[h, c])
model = keras.Model([source_in, decoder_in], head(sequence))
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
model.fit([source, decoder_input], target, epochs=8, batch_size=64, verbose=0)

# Two models that reuse the trained layers: the encoder, and one step of the decoder.
encoder_model = keras.Model(source_in, [h, c])
token_in = keras.Input(shape=(1,), name="token")
h_in = keras.Input(shape=(UNITS,), name="h")
c_in = keras.Input(shape=(UNITS,), name="c")
step, h_out, c_out = decoder(decoder_embedding(token_in), initial_state=[h_in, c_in])
step_model = keras.Model([token_in, h_in, c_in], [head(step), h_out, c_out])
trained = {id(weight) for weight in model.weights}
shared = all(id(weight) in trained for weight in encoder_model.weights + step_model.weights)
print("weights shared with the trained model:", shared)
print("weights:", len(encoder_model.weights), len(step_model.weights), len(model.weights))


def decode(sources: np.ndarray) -> np.ndarray:
    """Greedy decoding: the most likely digit at each step becomes the next step's input."""
    h, c = encoder_model.predict_on_batch(sources)
    token = np.full((len(sources), 1), START)
    digits = []
    for _ in range(LENGTH):
        probabilities, h, c = step_model.predict_on_batch([token, h, c])
        token = probabilities.argmax(axis=-1)  # (batch, 1): the next input
        digits.append(token[:, 0])
    return np.stack(digits, axis=1)


# 500 new random sequences, none of them among the training ones.
seen = {tuple(row) for row in source}
candidates = rng.integers(0, 10, size=(600, LENGTH))
test = np.array([row for row in candidates if tuple(row) not in seen][:500])
expected = test[:, ::-1]
decoded = decode(test)
for source_digits, digits, wanted in zip(test[:3], decoded[:3], expected[:3], strict=True):
    print(f"source {source_digits} -> decoded {digits}, target {wanted}")
wrong = np.flatnonzero(np.any(decoded != expected, axis=1))[0]  # the first mistake
print(
    f"source {test[wrong]} -> decoded {decoded[wrong]}, target {expected[wrong]} (sequence {wrong})"
)

# The same sequences, with the true previous digits given (teacher forcing), for comparison.
forced_input = np.concatenate([np.full((len(test), 1), START), expected[:, :-1]], axis=1)
forced = model.predict([test, forced_input], verbose=0).argmax(axis=-1)
print("same sequence, true digits fed:", forced[wrong])
print(f"digits right, own predictions fed back: {np.mean(decoded == expected):.3f}")
print(f"digits right, true digits fed (teacher forcing): {np.mean(forced == expected):.3f}")
print(
    f"whole sequences right, own predictions fed back: {np.all(decoded == expected, 1).mean():.3f}"
)
print(f"whole sequences right, true digits fed: {np.all(forced == expected, 1).mean():.3f}")

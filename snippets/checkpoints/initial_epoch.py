"""Resume by hand: load the last .keras checkpoint and call fit(..., initial_epoch=...)."""

import math
import os

import keras
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
x, y = (digits.data / 16.0).astype(np.float32), digits.target


def make_model() -> keras.Model:
    keras.utils.set_random_seed(42)  # the same initial weights every time
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


epochs_run = []  # the epochs each fit() runs, numbered from 1
log = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: epochs_run.append(epoch + 1))

# First session: 3 epochs, a checkpoint after each.
checkpoint = keras.callbacks.ModelCheckpoint("epoch_{epoch:02d}.keras")
make_model().fit(x, y, epochs=3, shuffle=False, callbacks=[checkpoint, log], verbose=0)
print("first session, epochs run:", epochs_run)

# Second session: load the last checkpoint (weights and optimizer state) and go on.
# `epochs` is the number of the last epoch, not how many more to run.
model = keras.models.load_model("epoch_03.keras")
print("loaded epoch_03.keras, optimizer step:", int(model.optimizer.iterations))
epochs_run.clear()
model.fit(x, y, initial_epoch=3, epochs=6, shuffle=False, callbacks=[checkpoint, log], verbose=0)
print("fit(initial_epoch=3, epochs=6), epochs run:", epochs_run)
print("  checkpoints:", sorted(f for f in os.listdir() if f.startswith("epoch_")))
batches = math.ceil(len(x) / 32)  # per epoch, with fit()'s default batch_size=32
print(f"  optimizer step: {int(model.optimizer.iterations)} = 6 epochs x {batches} batches")

uninterrupted = make_model()
uninterrupted.fit(x, y, epochs=6, shuffle=False, verbose=0)
same = all(
    np.allclose(a, b, atol=1e-6)
    for a, b in zip(model.get_weights(), uninterrupted.get_weights(), strict=True)
)
print("same weights as 6 epochs in one go:", same)

history = model.fit(x, y, initial_epoch=6, epochs=6, verbose=0)
print("fit(initial_epoch=6, epochs=6): epochs in history:", len(history.history.get("loss", [])))

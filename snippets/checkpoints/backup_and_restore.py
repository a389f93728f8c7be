"""BackupAndRestore: an interrupted fit() resumes from the last finished epoch."""

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


class Crash(keras.callbacks.Callback):
    """Stands in for a crash, a pre-empted machine or a Ctrl+C during epoch 4."""

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 3:  # epochs count from 0 in callbacks: this is the 4th
            raise RuntimeError("interrupted")


epochs_run = []  # the epochs each fit() finishes, numbered from 1
log = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: epochs_run.append(epoch + 1))
EPOCHS = 6
backup = keras.callbacks.BackupAndRestore(backup_dir="backup")
model = make_model()
print("first fit():")
try:
    model.fit(x, y, epochs=EPOCHS, shuffle=False, callbacks=[backup, Crash(), log], verbose=0)
except RuntimeError as error:
    print("  RuntimeError:", error, "| epochs run:", epochs_run)
print("  backup/ holds:", sorted(os.listdir("backup")))

# After a restart the program builds the model again and calls fit() with the same backup_dir.
model = make_model()
epochs_run.clear()
print("second fit(), the same call without the crash:")
history = model.fit(x, y, epochs=EPOCHS, shuffle=False, callbacks=[backup, log], verbose=0)
print("  epochs run:", epochs_run, "| epochs in history:", len(history.history["loss"]))
print("  backup/ still exists:", os.path.exists("backup"))  # deleted when fit() completes

# The result is that of one uninterrupted run (the backup holds the optimizer state too).
uninterrupted = make_model()
uninterrupted.fit(x, y, epochs=EPOCHS, shuffle=False, verbose=0)
same = all(
    np.allclose(a, b, atol=1e-6)
    for a, b in zip(model.get_weights(), uninterrupted.get_weights(), strict=True)
)
print("same weights as an uninterrupted run:", same)

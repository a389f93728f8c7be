"""BackupAndRestore(save_freq=N) in Keras 3.15.1: a resumed fit() restarts the interrupted epoch."""

import json

import keras
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
x, y = (digits.data / 16.0).astype(np.float32)[:320], digits.target[:320]  # 10 batches of 32


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
    """Stands in for a crash in the middle of epoch 2, after 5 of its 10 batches."""

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        if self.epoch == 1 and batch == 5:  # both count from 0
            raise RuntimeError("interrupted")


backup = keras.callbacks.BackupAndRestore(backup_dir="backup", save_freq=3)  # every 3 batches
model = make_model()
try:
    model.fit(x, y, epochs=3, shuffle=False, callbacks=[backup, Crash()], verbose=0)
except RuntimeError as error:
    print(f"first fit(): RuntimeError: {error} after {int(model.optimizer.iterations)} steps")
with open("backup/training_metadata.json") as file:
    print("  the backup records:", json.load(file))  # epochs done, and the last batch (from 0)

model = make_model()
history = model.fit(x, y, epochs=3, shuffle=False, callbacks=[backup], verbose=0)
print("second fit(): epochs in history:", len(history.history["loss"]))

uninterrupted = make_model()
uninterrupted.fit(x, y, epochs=3, shuffle=False, verbose=0)
print("optimizer steps, resumed:", int(model.optimizer.iterations))
print("optimizer steps, uninterrupted:", int(uninterrupted.optimizer.iterations))
same = all(
    np.allclose(a, b, atol=1e-6)
    for a, b in zip(model.get_weights(), uninterrupted.get_weights(), strict=True)
)
print("same weights as an uninterrupted run:", same)

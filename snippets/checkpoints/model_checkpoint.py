"""ModelCheckpoint: the whole model (.keras) or its weights (.weights.h5), every or best epoch."""

import os
import zipfile

import h5py
import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)
digits = load_digits()
x, y = (digits.data / 16.0).astype(np.float32), digits.target
x_train, y_train, x_val, y_val = x[:60], y[:60], x[1000:], y[1000:]  # small: it overfits


def make_model() -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.05),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


callbacks = [
    # The whole model after every epoch: {epoch:02d} gives one file per epoch.
    keras.callbacks.ModelCheckpoint("model_{epoch:02d}.keras"),
    # Only the weights: save_weights_only=True, and the name must end in .weights.h5.
    keras.callbacks.ModelCheckpoint("epoch_{epoch:02d}.weights.h5", save_weights_only=True),
    # Only when val_loss beats its best so far ("min": inferred from the name "loss").
    keras.callbacks.ModelCheckpoint(
        "best_{epoch:02d}.keras", monitor="val_loss", save_best_only=True
    ),
]
model = make_model()
history = model.fit(
    x_train, y_train, validation_data=(x_val, y_val), epochs=8, callbacks=callbacks, verbose=0
)
print("val_loss per epoch:", [round(v, 3) for v in history.history["val_loss"]])
for prefix in ["model_", "epoch_", "best_"]:
    files = sorted(f for f in os.listdir() if f.startswith(prefix))
    print(f"{prefix}*: {len(files)} files, {files[0]} ... {files[-1]}")

# What is inside: a .keras file is a zip archive; a .weights.h5 file is an HDF5 file.
print("model_08.keras holds:", zipfile.ZipFile("model_08.keras").namelist())
with h5py.File("epoch_08.weights.h5") as weights_file:
    print("epoch_08.weights.h5 holds:", list(weights_file))

# A .keras file loads on its own, compiled, with the optimizer's state...
restored = keras.models.load_model("model_08.keras")
print(
    "load_model: optimizer", restored.optimizer.name, "at step", int(restored.optimizer.iterations)
)
# ...a .weights.h5 file needs a model of the same architecture to load into.
fresh = make_model()
fresh.load_weights("epoch_08.weights.h5")
same = [np.array_equal(a, b) for a, b in zip(fresh.get_weights(), model.get_weights(), strict=True)]
print("load_weights into a new model, weights equal:", all(same))

try:
    keras.callbacks.ModelCheckpoint("weights.h5", save_weights_only=True)
except ValueError as error:
    print("ValueError:", str(error).split(" (")[0])

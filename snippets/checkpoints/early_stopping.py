"""EarlyStopping(restore_best_weights=True): stop when val_loss stalls, keep the best epoch."""

import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)
digits = load_digits()
x, y = (digits.data / 16.0).astype(np.float32), digits.target
x_train, y_train, x_val, y_val = x[:60], y[:60], x[1000:], y[1000:]  # small: it overfits

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

# Keep a copy of the weights after every epoch, to compare with what fit() leaves behind.
weights_after = {}
keep = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: weights_after.update({epoch + 1: model.get_weights()})
)
early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=3, restore_best_weights=True
)
history = model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    epochs=50,
    callbacks=[keep, early_stopping],
    verbose=0,
)
val_loss = history.history["val_loss"]
print("val_loss per epoch:", [round(v, 3) for v in val_loss])
print("epochs run:", len(val_loss), "of 50; best epoch:", early_stopping.best_epoch + 1)


def equal(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))


final = model.get_weights()
print(
    "weights after fit() == best epoch's:",
    equal(final, weights_after[early_stopping.best_epoch + 1]),
)
print("weights after fit() == last epoch's:", equal(final, weights_after[len(val_loss)]))
print(f"val_loss now: {model.evaluate(x_val, y_val, verbose=0)[0]:.3f}")

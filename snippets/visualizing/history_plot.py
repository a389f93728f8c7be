from itertools import pairwise

import keras
import matplotlib
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits

matplotlib.use("Agg")  # draw into files, no window: servers, CI, scripts
keras.utils.set_random_seed(42)
x, y = load_digits(return_X_y=True)  # 1797 images of 8x8 pixels, digits 0-9
x = x / 16.0

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.005),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(x, y, epochs=12, batch_size=128, validation_split=0.25, verbose=0)

# fit() returns a History: one list per metric, one value per epoch
print(sorted(history.history))
print("epochs:", len(history.history["loss"]))
loss, val_loss = history.history["loss"], history.history["val_loss"]
print("loss by epoch:    ", [round(value, 2) for value in loss])
print("val_loss by epoch:", [round(value, 2) for value in val_loss])
print("val_loss - loss:  ", [round(v - t, 2) for t, v in zip(loss, val_loss, strict=True)])
print("val_loss fell at every epoch:", all(new < old for old, new in pairwise(val_loss)))
# validation_split=0.25 holds out the last 25 % of the arrays, taken before any shuffling:
# the last 450 of the 1797 digits give the same loss as the last epoch's val_loss.
held_out = model.evaluate(x[1347:], y[1347:], verbose=0)[0]
print("evaluate(x[1347:], y[1347:]) loss:", round(held_out, 2))

fig, ax = plt.subplots(figsize=(6, 4))
epochs = range(1, len(history.history["loss"]) + 1)
ax.plot(epochs, history.history["loss"], marker="o", label="loss (training)")
ax.plot(epochs, history.history["val_loss"], marker="o", label="val_loss (validation)")
ax.set_xlabel("epoch")
ax.set_ylabel("sparse categorical cross-entropy")
ax.set_title("Training history: digits, Dense(32) -> Dense(10)")
ax.legend()
fig.tight_layout()
fig.savefig("history.png", dpi=100)

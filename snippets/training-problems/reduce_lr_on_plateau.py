"""ReduceLROnPlateau: halve the learning rate when val_loss stops improving."""

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]
y += rng.normal(0, 1.0, size=y.shape).astype("float32")  # noise of standard deviation 1

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, clipnorm=1.0), loss="mse")
# An improvement is a val_loss at least min_delta below the best so far; after `patience`
# epochs without one, the learning rate is multiplied by `factor`, but not below min_lr.
reduce_lr = keras.callbacks.ReduceLROnPlateau(
    monitor="val_loss", factor=0.5, patience=2, min_delta=0.05, min_lr=0.01
)
history = model.fit(
    x, y, validation_split=0.25, epochs=20, batch_size=32, callbacks=[reduce_lr], verbose=0
)
print("history keys:", sorted(history.history))
print("epoch  learning_rate  val_loss")
rates, val_losses = history.history["learning_rate"], history.history["val_loss"]
for epoch, (rate, val_loss) in enumerate(zip(rates, val_losses, strict=True), start=1):
    print(f"{epoch:5}  {rate:13.4f}  {val_loss:8.3f}")
print(f"learning rate after the last epoch: {float(model.optimizer.learning_rate):.4f}")

# With a schedule as the learning rate, the callback cannot set the rate.
keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=100)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule, clipnorm=1.0), loss="mse")
# min_delta=1e9: no epoch after the first counts as an improvement, so epoch 2 asks to reduce.
never_good_enough = keras.callbacks.ReduceLROnPlateau(monitor="loss", patience=1, min_delta=1e9)
try:
    model.fit(x, y, epochs=3, batch_size=32, callbacks=[never_good_enough], verbose=0)
except TypeError as error:
    print(f"{type(error).__name__}, epochs in the history: {len(model.history.history['loss'])}")
    print(" ", str(error).split(", hence")[0])

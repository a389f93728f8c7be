"""A learning rate that is too large: the loss grows, overflows to inf, then becomes NaN."""

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")  # features from 0 to 10, not scaled
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]  # a linear target

print("targets:", y[:3].ravel().round(2))
for learning_rate in (0.1, 0.001):
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=learning_rate), loss="mse")
    history = model.fit(x, y, epochs=6, batch_size=32, verbose=0)
    print(f"learning_rate={learning_rate}")
    print("  loss per epoch:", [f"{loss:.2g}" for loss in history.history["loss"]])
    print("  kernel:", model.get_weights()[0].ravel().round(2))
    print("  predictions:", model.predict(x[:3], verbose=0).ravel().round(2))

# A single NaN in the data is enough, whatever the learning rate.
y_missing = y.copy()
y_missing[100] = np.nan  # one missing target out of 256
keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.001), loss="mse")
history = model.fit(x, y_missing, epochs=2, batch_size=32, verbose=0)
print("one NaN target, learning_rate=0.001")
print("  loss per epoch:", [f"{loss:.2g}" for loss in history.history["loss"]])
print("  kernel:", model.get_weights()[0].ravel().round(2))

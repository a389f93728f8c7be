"""Gradient clipping in fit(): the learning rate that made the loss NaN, with each option."""

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]

options = {
    "no clipping": {},
    "clipnorm=1.0": {"clipnorm": 1.0},
    "clipvalue=1.0": {"clipvalue": 1.0},
    "global_clipnorm=1.0": {"global_clipnorm": 1.0},
}
for name, clipping in options.items():
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, **clipping), loss="mse")
    history = model.fit(x, y, epochs=8, batch_size=32, verbose=0)
    print(f"{name:<20}", " ".join(f"{loss:7.2g}" for loss in history.history["loss"]))

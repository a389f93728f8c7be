"""Learning-rate schedules: the rate at given steps, and what the optimizer uses in fit()."""

import keras
import numpy as np

schedules = keras.optimizers.schedules
decays = {
    "ExponentialDecay": schedules.ExponentialDecay(0.1, decay_steps=32, decay_rate=0.5),
    "  staircase=True": schedules.ExponentialDecay(
        0.1, decay_steps=32, decay_rate=0.5, staircase=True
    ),
    "PiecewiseConstantDecay": schedules.PiecewiseConstantDecay([32, 64], [0.1, 0.01, 0.001]),
    "CosineDecay": schedules.CosineDecay(0.1, decay_steps=96),
}
steps = [0, 16, 32, 33, 64, 96, 200]
print(f"{'step':<23}", " ".join(f"{step:>7}" for step in steps))
for name, schedule in decays.items():
    rates = [float(schedule(step)) for step in steps]
    print(f"{name:<23}", " ".join(f"{rate:7.4f}" for rate in rates))


class RecordRate(keras.callbacks.Callback):
    """Keeps the optimizer's learning rate at the end of each epoch."""

    def __init__(self):
        super().__init__()
        self.rates = []

    def on_epoch_end(self, epoch, logs=None):
        self.rates.append(float(self.model.optimizer.learning_rate))


# In fit(), the optimizer calls the schedule with the number of batches trained so far:
# 8 batches of 32 per epoch here, so CosineDecay(decay_steps=96) reaches 0 after 12 epochs.
rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]
for name, learning_rate in (("constant 0.1", 0.1), ("CosineDecay", decays["CosineDecay"])):
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate, clipnorm=1.0)
    model.compile(optimizer=optimizer, loss="mse")
    record = RecordRate()
    history = model.fit(x, y, epochs=12, batch_size=32, callbacks=[record], verbose=0)
    print(f"{name} (clipnorm=1.0), after {int(optimizer.iterations)} batches")
    print("  learning_rate:", " ".join(f"{rate:.3f}" for rate in record.rates))
    print("  loss:         ", " ".join(f"{loss:.2g}" for loss in history.history["loss"]))

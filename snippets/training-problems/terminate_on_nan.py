"""TerminateOnNaN: stop fit() at the first batch whose loss is NaN or inf."""

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]


def diverging_model() -> keras.Model:
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    return model


# The loss that callbacks see after each batch: the mean over the epoch so far.
batch_losses = []
record = keras.callbacks.LambdaCallback(
    on_train_batch_end=lambda batch, logs: batch_losses.append(logs["loss"])
)
model = diverging_model()
history = model.fit(
    x,
    y,
    epochs=6,
    batch_size=20,
    callbacks=[record, keras.callbacks.TerminateOnNaN()],
    verbose=0,
)
print("epochs in history:", len(history.history["loss"]), "of 6")
print("batches run:", int(model.optimizer.iterations), "of", 6 * 13)  # 13 batches per epoch
print("loss in the logs of the last 3 batches:", [f"{loss:.2g}" for loss in batch_losses[-3:]])
weights = model.get_weights()
print("weights finite:", all(np.isfinite(w).all() for w in weights))
print(f"largest weight: {max(np.abs(w).max() for w in weights):.0e}")

# raise_error=True raises instead, and fit() returns no history.
model = diverging_model()
try:
    model.fit(
        x,
        y,
        epochs=6,
        batch_size=20,
        callbacks=[keras.callbacks.TerminateOnNaN(raise_error=True)],
        verbose=0,
    )
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).split('. ')[0]}")

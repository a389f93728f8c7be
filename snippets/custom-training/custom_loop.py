"""A training loop written from scratch: tf.function steps, metrics, and a validation pass."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
rng = np.random.default_rng(42)
x = rng.random((200, 3), dtype="float32")
y = x @ np.array([[1.0], [2.0], [3.0]], dtype="float32") + rng.normal(0, 0.1, (200, 1))
y = y.astype("float32")
train = tf.data.Dataset.from_tensor_slices((x[:160], y[:160])).shuffle(160, seed=42).batch(32)
val = tf.data.Dataset.from_tensor_slices((x[160:], y[160:])).batch(32)  # batches of 32 and 8

model = keras.Sequential(
    [keras.Input(shape=(3,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)]
)
optimizer = keras.optimizers.Adam(learning_rate=0.01)
loss_fn = keras.losses.MeanSquaredError()
train_loss, train_mae = keras.metrics.Mean(), keras.metrics.MeanAbsoluteError()
val_loss, val_mae = keras.metrics.Mean(), keras.metrics.MeanAbsoluteError()


@tf.function  # traced into a graph on the first call, as fit() does with its step
def training_step(x, y):
    with tf.GradientTape() as tape:
        y_pred = model(x, training=True)
        loss = loss_fn(y, y_pred)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply(gradients, model.trainable_variables)
    train_loss.update_state(loss, sample_weight=tf.shape(x)[0])  # a mean over samples
    train_mae.update_state(y, y_pred)
    return loss


@tf.function
def validation_step(x, y):
    y_pred = model(x, training=False)  # inference mode: no dropout, no noise
    val_loss.update_state(loss_fn(y, y_pred), sample_weight=tf.shape(x)[0])
    val_mae.update_state(y, y_pred)


# The same functions without their graph, run eagerly: a check of one batch with real values
x_batch, y_batch = next(iter(train))
print(f"one eager step, loss: {float(training_step.python_function(x_batch, y_batch)):.4f}")
validation_step.python_function(x_batch, y_batch)

for epoch in range(5):
    for metric in (train_loss, train_mae, val_loss, val_mae):
        metric.reset_state()  # fit() resets its metrics at the start of each epoch too
    for x_batch, y_batch in train:
        training_step(x_batch, y_batch)
    for x_batch, y_batch in val:
        validation_step(x_batch, y_batch)
    print(
        f"epoch {epoch + 1}: loss {float(train_loss.result()):.4f}"
        f" mae {float(train_mae.result()):.4f}"
        f" | val_loss {float(val_loss.result()):.4f} val_mae {float(val_mae.result()):.4f}"
    )

print(
    "traces: training_step",
    training_step.experimental_get_tracing_count(),
    "| validation_step",
    validation_step.experimental_get_tracing_count(),
)
model.compile(loss="mse", metrics=["mae"])  # only to check the loop's validation numbers
logs = model.evaluate(val, verbose=0, return_dict=True)
print(f"evaluate() on the same data: val_loss {logs['loss']:.4f} val_mae {logs['mae']:.4f}")

"""The same tiny regression trained twice: with fit(), and with a GradientTape loop."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
x = np.random.uniform(-1, 1, size=(64, 1)).astype("float32")
y = (3 * x + 2 + np.random.normal(0, 0.1, size=(64, 1))).astype("float32")


def make_model():  # an L2 penalty on the kernel: a regularization loss in model.losses
    regularizer = keras.regularizers.L2(0.1)
    return keras.Sequential(
        [keras.Input(shape=(1,)), keras.layers.Dense(1, kernel_regularizer=regularizer)]
    )


fit_model, loop_model = make_model(), make_model()
loop_model.set_weights(fit_model.get_weights())  # both start from the same weights

# 1. fit(): Keras runs the loop (batching, regularization losses, gradients, updates, logging).
fit_model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
history = fit_model.fit(x, y, batch_size=64, epochs=5, shuffle=False, verbose=0)
print("fit() losses:        ", [round(loss, 4) for loss in history.history["loss"]])

# 2. The same loop written out with tf.GradientTape.
optimizer = keras.optimizers.SGD(0.1)
loss_fn = keras.losses.MeanSquaredError()


def train_step(inputs, targets):  # add @tf.function to run it as a graph, like fit()
    with tf.GradientTape() as tape:
        loss = loss_fn(targets, loop_model(inputs, training=True))
        loss += sum(loop_model.losses)  # the layers' regularization losses, as fit() adds them
    gradients = tape.gradient(loss, loop_model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, loop_model.trainable_variables, strict=True))
    return loss


losses = []
for _epoch in range(5):
    losses.append(round(float(train_step(x, y)), 4))  # one batch of 64 per epoch
print("GradientTape losses: ", losses)

same = all(
    np.allclose(a, b, atol=1e-6)
    for a, b in zip(fit_model.get_weights(), loop_model.get_weights(), strict=True)
)
print("same weights after training:", same)

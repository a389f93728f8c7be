"""Transfer learning: train a base on digits 0-4, freeze it, train a new head on digits 5-9."""

import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)
digits = load_digits()
x = (digits.images[..., np.newaxis] / 16.0).astype("float32")  # (1797, 8, 8, 1)
old = digits.target < 5
x_old, y_old = x[old], digits.target[old]  # the first task: digits 0-4
x_new, y_new = x[~old], digits.target[~old] - 5  # the new task: digits 5-9, as labels 0-4
x_train, y_train = x_new[:50], y_new[:50]  # only 50 labelled examples of the new task
x_val, y_val = x_new[50:], y_new[50:]


def make_base() -> keras.Model:
    inputs = keras.Input(shape=(8, 8, 1))
    h = keras.layers.Conv2D(32, 3, activation="relu")(inputs)
    h = keras.layers.BatchNormalization()(h)
    return keras.Model(inputs, keras.layers.Flatten()(h), name="base")


def counts(model: keras.Model) -> str:
    return (
        f"{len(model.trainable_weights)} trainable, "
        f"{len(model.non_trainable_weights)} non-trainable weights"
    )


# 1. The base, trained on the first task (with a 5-way classifier that is then dropped).
base = make_base()
pretrain = keras.Sequential([base, keras.layers.Dense(5, activation="softmax")])
pretrain.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
pretrain.fit(x_old, y_old, epochs=3, verbose=0)
print(f"base on digits 0-4: training accuracy {pretrain.evaluate(x_old, y_old, verbose=0)[1]:.3f}")

# 2. Freeze it, and put a new head on top.
base.trainable = False
inputs = keras.Input(shape=(8, 8, 1))
features = base(inputs, training=False)  # inference mode, but Keras 3.15.1's fit() overrides it
outputs = keras.layers.Dense(5, activation="softmax", name="new_head")(features)
model = keras.Model(inputs, outputs)
print("base: ", counts(base))
print("model:", counts(model))

# 3. Train the head only.
weights_before = base.get_weights()  # kernels, biases and BatchNormalization's statistics
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=10, batch_size=16, verbose=0)
loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
print(f"{len(x_train)} training, {len(x_val)} validation images of digits 5-9")
print(f"new head on digits 5-9: val_loss {loss:.3f}, val_accuracy {accuracy:.3f}")
unchanged = all(
    np.array_equal(a, b) for a, b in zip(weights_before, base.get_weights(), strict=True)
)
print("base weights unchanged by fit():", unchanged)

# For comparison: the same network trained from scratch on the same 50 examples.
scratch = keras.Sequential([make_base(), keras.layers.Dense(5, activation="softmax")])
scratch.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
scratch.fit(x_train, y_train, epochs=10, batch_size=16, verbose=0)
loss, accuracy = scratch.evaluate(x_val, y_val, verbose=0)
print(f"from scratch on digits 5-9: val_loss {loss:.3f}, val_accuracy {accuracy:.3f}")

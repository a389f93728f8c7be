"""Fine-tuning: unfreeze the base (BatchNormalization stays frozen), recompile, low rate."""

import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)
digits = load_digits()
x = (digits.images[..., np.newaxis] / 16.0).astype("float32")
old = digits.target < 5
x_old, y_old = x[old], digits.target[old]
x_new, y_new = x[~old], digits.target[~old] - 5
x_train, y_train, x_val, y_val = x_new[:50], y_new[:50], x_new[50:], y_new[50:]


def counts(model: keras.Model) -> str:
    return (
        f"{len(model.trainable_weights)} trainable, "
        f"{len(model.non_trainable_weights)} non-trainable weights"
    )


def compile_model(model: keras.Model, learning_rate: float) -> None:
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )


# The previous recipe, in short: a base trained on digits 0-4, frozen, and a new head.
inputs = keras.Input(shape=(8, 8, 1))
h = keras.layers.Conv2D(32, 3, activation="relu", name="conv")(inputs)
h = keras.layers.BatchNormalization(name="bn")(h)
base = keras.Model(inputs, keras.layers.Flatten()(h), name="base")
pretrain = keras.Sequential([base, keras.layers.Dense(5, activation="softmax")])
compile_model(pretrain, 0.01)
pretrain.fit(x_old, y_old, epochs=3, verbose=0)
base.trainable = False
inputs = keras.Input(shape=(8, 8, 1))
model = keras.Model(
    inputs, keras.layers.Dense(5, activation="softmax")(base(inputs, training=False))
)
compile_model(model, 0.01)
model.fit(x_train, y_train, epochs=10, batch_size=16, verbose=0)
loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
print(
    f"frozen base, trained head:  {counts(model)}; val_loss {loss:.3f}, val_accuracy {accuracy:.3f}"
)
trained = model.get_weights()

for learning_rate in (0.0001, 0.01):  # a low rate, and for comparison a high one
    model.set_weights(trained)
    base.trainable = False  # frozen again, as when the head was trained (see the box below)
    base.trainable = True  # unfreeze the whole base...
    print(f"learning_rate={learning_rate}")
    print("  base.trainable = True:   ", counts(model))
    base.get_layer("bn").trainable = False  # ...but keep BatchNormalization frozen
    print("  bn.trainable = False:    ", counts(model))
    compile_model(model, learning_rate)  # recompile: fit() now trains the conv layer too
    kernel = base.get_layer("conv").kernel.numpy().copy()
    moving_mean = base.get_layer("bn").moving_mean.numpy().copy()
    model.fit(x_train, y_train, epochs=10, batch_size=16, verbose=0)
    loss, accuracy = model.evaluate(x_val, y_val, verbose=0)
    change = np.abs(base.get_layer("conv").kernel.numpy() - kernel).mean()
    print(f"  fine-tuned: val_loss {loss:.3f}, val_accuracy {accuracy:.3f}")
    print(
        f"  conv kernel: mean change {change:.4f}",
        "(its mean size:",
        f"{np.abs(kernel).mean():.3f})",
    )
    moved = not np.array_equal(moving_mean, base.get_layer("bn").moving_mean.numpy())
    print("  BatchNormalization moving_mean changed:", moved)

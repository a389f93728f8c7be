"""Find where a NaN comes from: tf.debugging.check_numerics and enable_check_numerics."""

import re

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.normal(0, 30, size=(64, 4)).astype("float32")  # large inputs: large logits
y = (x[:, :1] > 0).astype("float32")


def handmade_crossentropy(y_true, y_pred):
    """Binary cross-entropy written by hand, without clipping y_pred away from 0 and 1."""
    return -keras.ops.mean(
        y_true * keras.ops.log(y_pred) + (1 - y_true) * keras.ops.log(1 - y_pred)
    )


def classifier(loss) -> keras.Model:
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss)
    return model


model = classifier(handmade_crossentropy)
print("sigmoid outputs equal to 1.0:", int((model.predict(x, verbose=0) == 1.0).sum()), "of 64")
history = model.fit(x, y, epochs=2, batch_size=16, verbose=0)
print("hand-made loss per epoch:", history.history["loss"])

# 1. Check one tensor: check_numerics raises if it holds a NaN or an inf, with your message.
try:
    tf.debugging.check_numerics(tf.math.log(tf.constant([1.0, 0.0])), message="log(p)")
except tf.errors.InvalidArgumentError as error:
    print(f"{type(error).__name__}: {error.message.split('}} ')[1].split(' [Op')[0]}")

# 2. Check every op: the first one whose output holds a NaN or an inf raises.
tf.debugging.enable_check_numerics()
model = classifier(handmade_crossentropy)  # the same start as the first run
try:
    model.fit(x, y, epochs=2, batch_size=16, verbose=0)
except tf.errors.InvalidArgumentError as error:
    message = error.message
    print(type(error).__name__)
    print(" ", re.search(r'Detected Infinity or NaN in output \d+ of graph op "\w+"', message)[0])
    print(" ", re.search(r"Input tensor: .*", message)[0])
    print("  node:", re.search(r"node (\S+)/CheckNumericsV2", message)[1])
    print("  created at:", re.search(r"\(L\d+\) handmade_crossentropy", message)[0])
    print(" ", message.split("\n\n : ")[1].split("\n")[0])
tf.debugging.disable_check_numerics()

# The built-in loss stays finite on the same data.
history = classifier("binary_crossentropy").fit(x, y, epochs=2, batch_size=16, verbose=0)
print("built-in loss per epoch:", [round(loss, 3) for loss in history.history["loss"]])

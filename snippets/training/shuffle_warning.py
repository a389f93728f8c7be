"""fit() on a tf.data dataset with the default shuffle=True warns once per process, not per call."""

import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
x, y = np.random.rand(64, 4).astype("float32"), np.random.rand(64, 1).astype("float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(16)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")


def warnings_shown(calls: int, **options) -> list[str]:
    """The messages Python shows while fit() runs `calls` times, under its default filter."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")  # show the first warning of each place in the code
        for _ in range(calls):
            model.fit(dataset, epochs=1, verbose=0, **options)
    return [str(warning.message) for warning in shown]


print("3 calls, shuffle=False:", len(warnings_shown(3, shuffle=False)), "warnings")
messages = warnings_shown(3)
print("3 calls, default shuffle=True:", len(messages), "warning:")
print(" ", messages[0].split(" since")[0])

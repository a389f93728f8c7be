"""fit() on a tf.data dataset with shuffle=True warns; Python shows it once per code location."""

import warnings
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)
x, y = np.random.rand(64, 4).astype("float32"), np.random.rand(64, 1).astype("float32")
dataset = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(16)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")


def warnings_shown(calls: int, change_filters: bool = False, **options) -> list:
    """The warnings Python shows while fit() runs `calls` times, under its default filter."""
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")  # once per message and code location
        for _ in range(calls):
            if change_filters:  # any change to the filters makes Python forget what it showed
                warnings.filterwarnings("ignore", message="unrelated")
            model.fit(dataset, epochs=1, verbose=0, **options)
    return shown


print("3 calls, shuffle=False:", len(warnings_shown(3, shuffle=False)), "warnings")
shown = warnings_shown(3)
print("3 calls, default shuffle=True:", len(shown), "warning:")
print(" ", str(shown[0].message).split(" since")[0])
print("  from", "/".join(Path(shown[0].filename).parts[-4:]), "line", shown[0].lineno)
again = warnings_shown(3, change_filters=True)
print("3 calls, a filter added before each:", len(again), "warnings")

"""Changing trainable after compile(): when does fit() see it?"""

import warnings

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.normal(size=(64, 4)).astype("float32")
y = rng.normal(size=(64, 1)).astype("float32")


def base_trained(frozen_at_compile: bool, change: str) -> str:
    """A base layer under a head; compile, maybe fit, flip base.trainable, maybe compile
    again; then fit one epoch: did the base layer's kernel change?"""
    keras.utils.set_random_seed(42)
    base = keras.layers.Dense(4, name="base", trainable=not frozen_at_compile)
    model = keras.Sequential([keras.Input(shape=(4,)), base, keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    if change != "before the first fit":
        model.fit(x, y, epochs=1, verbose=0)
    base.trainable = frozen_at_compile  # the flip
    if change == "after a fit, then compile()":
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    before = keras.ops.convert_to_numpy(base.kernel)
    model.fit(x, y, epochs=1, verbose=0)
    return "yes" if not np.array_equal(before, keras.ops.convert_to_numpy(base.kernel)) else "no"


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for frozen_at_compile, flip in ((False, "frozen"), (True, "unfrozen")):
        for change in ("before the first fit", "after a fit", "after a fit, then compile()"):
            print(f"{flip:<8} {change:<28} base trained:", base_trained(frozen_at_compile, change))
print("warnings about trainable:", sum("trainable" in str(w.message) for w in caught))

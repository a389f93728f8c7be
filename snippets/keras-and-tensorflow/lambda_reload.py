"""A Lambda layer's function is saved by name when it is registered, as bytecode when it is a
Python lambda: the first reloads in safe mode, the second only with safe_mode=False."""

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="cookbook")
def double(t):
    return t * 2


for name, function in [("registered double", double), ("lambda t: t * 2", lambda t: t * 2)]:
    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, keras.layers.Lambda(function)(inputs))
    stored = model.layers[-1].get_config()["function"]
    is_code = stored["class_name"] == "__lambda__"
    print(f"{name}: saved as", "Python bytecode" if is_code else f"the name {stored['config']!r}")
    model.save("model.keras")
    try:
        reloaded = keras.saving.load_model("model.keras")  # safe_mode=True by default
        print("  load_model:", reloaded.predict(np.ones((1, 4)), verbose=0))
    except ValueError as error:
        print("  load_model: ValueError:", str(error).split(". ")[0] + ".")

# Only for a file you trust: the lambda's bytecode is loaded and run.
reloaded = keras.saving.load_model("model.keras", safe_mode=False)
print("  load_model(safe_mode=False):", reloaded.predict(np.ones((1, 4)), verbose=0))

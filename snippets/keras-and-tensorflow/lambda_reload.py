"""How a Lambda layer's function is saved decides how the model reloads, in Keras 3.15.1:
by registered name (safe), by bare name (custom_objects=), as bytecode (safe_mode=False)."""

import re

import keras
import numpy as np
import tensorflow as tf


@keras.saving.register_keras_serializable(package="cookbook")
def row_sum(t):
    return tf.reduce_sum(t, axis=-1, keepdims=True)


def plain_row_sum(t):  # the same function, not registered
    return tf.reduce_sum(t, axis=-1, keepdims=True)


def save(label, function, **options):
    """Save a model made of one Lambda layer to model.keras; say how the function was stored."""
    inputs = keras.Input(shape=(4,))
    model = keras.Model(inputs, keras.layers.Lambda(function, **options)(inputs))
    stored = model.layers[-1].get_config()["function"]
    is_code = stored["class_name"] == "__lambda__"
    print(f"{label}: saved as", "Python bytecode" if is_code else f"the name {stored['config']!r}")
    model.save("model.keras")


def try_reload(label, **load_options):
    """Reload model.keras and call it once: print its output, or the error, where and why."""
    step = "load_model"
    try:
        reloaded = keras.saving.load_model("model.keras", **load_options)
        step = "the first call"
        print(f"  {label}:", reloaded.predict(np.ones((1, 4)), verbose=0).ravel())
    except (ValueError, TypeError, NotImplementedError, NameError) as error:
        reasons = [
            r"Could not locate function '\w+'",
            r"name '\w+' is not defined",
            r"We could not automatically infer the shape of the Lambda's output",
            r"Requested the deserialization of a `Lambda` layer whose `function` is [^.]*",
        ]
        reason = next(m.group() for r in reasons if (m := re.search(r, str(error))))
        print(f"  {label}: {type(error).__name__} in {step}: {reason}")


# 1. A registered function is saved under its registered name: it reloads in safe mode.
save("registered def row_sum", row_sum)
try_reload("load_model()")

# 2. An unregistered function is saved under its bare name, which load_model cannot find.
save("unregistered def plain_row_sum", plain_row_sum)
try_reload("load_model()")
try_reload("load_model(custom_objects=...)", custom_objects={"plain_row_sum": plain_row_sum})

# 3. A Python lambda is saved as bytecode: refused in safe mode, run with safe_mode=False.
save("lambda t: t * 2", lambda t: t * 2)
try_reload("load_model()")
try_reload("load_model(safe_mode=False)", safe_mode=False)

# 4. A Keras 3.15.1 defect: the reloaded bytecode does not see its module's names (tf). Without
#    output_shape, load_model cannot infer the shape; with it, the first call fails.
save("lambda t: tf.reduce_sum(...)", lambda t: tf.reduce_sum(t, axis=-1, keepdims=True))
try_reload("load_model(safe_mode=False)", safe_mode=False)
save(
    "the same, output_shape=(1,)",
    lambda t: tf.reduce_sum(t, axis=-1, keepdims=True),
    output_shape=(1,),
)
try_reload("load_model(safe_mode=False)", safe_mode=False)

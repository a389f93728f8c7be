"""Two Keras 3.15.1 defects of legacy .h5 files: a loss alias, and a lost optimizer."""

import warnings

import keras

keras.utils.set_random_seed(42)


def build(loss):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])
    model.compile(optimizer="adam", loss=loss)
    return model


# 1. A loss given by a shorthand alias ("mse", "mae") saves to .h5, but load_model raises on
#    the file; compile=False loads it, uncompiled. The full name or a loss object reloads.
for loss in ["mse", "mae", "mean_squared_error", keras.losses.MeanSquaredError()]:
    name = repr(loss) if isinstance(loss, str) else f"{type(loss).__name__}()"
    build(loss).save("loss.h5")
    try:
        reloaded = keras.models.load_model("loss.h5")
        print(f"loss={name}: reloads, compiled: {reloaded.compiled}")
    except ValueError as error:
        print(f"loss={name}: load_model raises ValueError: {error}")
        uncompiled = keras.models.load_model("loss.h5", compile=False)
        print("  load_model(..., compile=False) loads it; compiled:", uncompiled.compiled)

# 2. Saving to .h5 removes the optimizer from the live model's compile config, so a
#    .keras file saved afterwards reloads with the default optimizer (RMSprop).
model = build("mean_squared_error")
print("optimizer in compile config:", "optimizer" in model.get_compile_config())
model.save("model.h5")
print("after saving model.h5:      ", "optimizer" in model.get_compile_config())
model.save("model.keras")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    restored = keras.models.load_model("model.keras")
print("model.keras reloads with:", type(restored.optimizer).__name__)
for warning in [w for w in caught if "optimizer" in str(w.message)]:
    print(f"  {warning.category.__name__}: {str(warning.message)[:60]}...")

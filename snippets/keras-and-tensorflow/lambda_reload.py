"""A model holding a Lambda saves fine but reloads only with safe_mode=False."""

import keras
import numpy as np

inputs = keras.Input(shape=(4,))
doubled = keras.layers.Lambda(lambda t: t * 2)(inputs)
model = keras.Model(inputs, doubled)
model.save("with_lambda.keras")

try:
    keras.saving.load_model("with_lambda.keras")  # safe_mode=True by default
except ValueError as error:
    print("load_model: ValueError:", str(error).split(". ")[0] + ".")

# Only for files you trust: the lambda's Python bytecode is loaded and run.
reloaded = keras.saving.load_model("with_lambda.keras", safe_mode=False)
print("safe_mode=False:", reloaded.predict(np.ones((1, 4)), verbose=0))

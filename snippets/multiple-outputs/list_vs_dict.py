"""Lists instead of dicts: losses and targets are matched to the outputs by position."""

import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y_digit, y_ink = digits.target, x.mean(axis=1, keepdims=True)


def build(outputs_as_dict=False):
    inputs = keras.Input(shape=(64,))
    features = keras.layers.Dense(32, activation="relu")(inputs)
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(features)
    ink = keras.layers.Dense(1, name="ink")(features)
    outputs = {"digit": digit, "ink": ink} if outputs_as_dict else [digit, ink]
    return keras.Model(inputs, outputs)


def fit_once(model, y):
    history = model.fit(x, y, epochs=1, verbose=0).history
    return ", ".join(f"{name} {values[0]:.3f}" for name, values in sorted(history.items()))


# A list of losses: the first for model.outputs[0] (digit), the second for [1] (ink).
model = build()
model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", "mse"])
print("losses and targets in order:  ", fit_once(model, [y_digit, y_ink]))

# Targets in the wrong order: no error. The ink head is trained on the digits 0 to 9, and
# the digit head on the ink values, which sparse crossentropy cuts to the label 0.
model = build()
model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", "mse"])
print("targets swapped, no error:    ", fit_once(model, [y_ink, y_digit]))
answers = model.predict(x, verbose=0)[0].argmax(axis=1)
print("  digit head's answers, classes 0 to 9:", np.bincount(answers, minlength=10).tolist())

# Losses in the wrong order: here the shapes do not match, and fit() raises.
model = build()
model.compile(optimizer="adam", loss=["mse", "sparse_categorical_crossentropy"])
try:
    fit_once(model, [y_digit, y_ink])
except Exception as error:
    print("losses swapped:               ", type(error).__name__)

# With dicts, each loss and target goes to the output of that name, in any order.
# A loss key that is not an output's name raises at the first fit(), not in compile().
model = build()
model.compile(optimizer="adam", loss={"ink": "mse", "digit": "sparse_categorical_crossentropy"})
print("dicts:                        ", fit_once(model, {"ink": y_ink, "digit": y_digit}))
model = build()
model.compile(optimizer="adam", loss={"digits": "sparse_categorical_crossentropy", "ink": "mse"})
try:
    fit_once(model, {"digit": y_digit, "ink": y_ink})
except ValueError as error:
    print("a wrong name:", error)

# A model whose outputs are a dict returns a dict from predict().
model = build(outputs_as_dict=True)
predictions = model.predict(x[:2], verbose=0)
print("outputs as a dict, predict():", {name: p.shape for name, p in predictions.items()})

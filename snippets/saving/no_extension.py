"""Keras 3: model.save() needs .keras or .h5; a bare name (a SavedModel folder in TF2) raises."""

import os
import textwrap

import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])

for call, save in [
    ('model.save("my_model")', lambda: model.save("my_model")),
    ('model.save("my_model", save_format="tf")', lambda: model.save("my_model", save_format="tf")),
]:
    try:
        save()
    except ValueError as error:
        print(f"{call} -> ValueError:")
        print(textwrap.fill(str(error), width=88, initial_indent="  ", subsequent_indent="  "))

print("anything written:", os.listdir("."))

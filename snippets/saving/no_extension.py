"""model.save() without an extension: a SavedModel folder in tf.keras 2, an error in Keras 3."""

import os
import shutil
import tempfile
import textwrap

from tensorflow import keras

folder = tempfile.mkdtemp(dir=".")  # an empty folder: the listing shows what was written
os.chdir(folder)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])

calls = {
    'model.save("my_model")': lambda: model.save("my_model"),
    'model.save("my_model_tf", save_format="tf")': lambda: model.save(
        "my_model_tf", save_format="tf"
    ),
    'model.save_weights("my_checkpoint")': lambda: model.save_weights("my_checkpoint"),
}
for call, save in calls.items():
    try:
        error = save()  # returns None when it works
    except ValueError as raised:
        error = raised
    wrapped = textwrap.fill(str(error), width=80, initial_indent="  ", subsequent_indent="  ")
    print(f"{call} ->", "works" if error is None else f"{type(error).__name__}:\n{wrapped}")

print("written:", [n + "/" if os.path.isdir(n) else n for n in sorted(os.listdir("."))])
os.chdir("..")
shutil.rmtree(folder)

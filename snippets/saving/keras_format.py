"""The native .keras file: architecture, weights and optimizer state in one zip file."""

import os
import zipfile

import keras
import numpy as np

keras.utils.set_random_seed(42)

model = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)]
)
model.compile(optimizer="adam", loss="mse")
x, y = np.random.rand(32, 4), np.random.rand(32, 3)
model.fit(x, y, epochs=2, verbose=0)

model.save("model.keras")
print("model.keras holds:", sorted(zipfile.ZipFile("model.keras").namelist()))

restored = keras.models.load_model("model.keras")
same = np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
print("identical predictions:", same)
print(
    "optimizer:",
    type(restored.optimizer).__name__,
    "after",
    int(restored.optimizer.iterations),
    "steps",
)
restored.fit(x, y, epochs=1, verbose=0)  # compiled and ready: training resumes
print("after one more epoch:", int(restored.optimizer.iterations), "steps")

# zipped=False writes the same three files into a folder, which load_model reads too.
model.save("model_folder", zipped=False)
print("model_folder/ holds:", sorted(os.listdir("model_folder")))
from_folder = keras.models.load_model("model_folder")
same = np.array_equal(model.predict(x, verbose=0), from_folder.predict(x, verbose=0))
print("reloaded from the folder, identical predictions:", same)

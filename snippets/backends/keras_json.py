"""keras.json, the other place that names the backend, and the variable that overrides it."""

import json
import os
import subprocess
import sys

# Keras reads $KERAS_HOME/keras.json (by default ~/.keras/keras.json). Here KERAS_HOME is
# this directory, so that the file written is not your own.
with open("keras.json", "w") as file:
    json.dump({"backend": "jax"}, file)

show = "import keras; print(keras.backend.backend())"
settings = {**os.environ, "KERAS_HOME": os.getcwd()}
settings.pop("KERAS_BACKEND", None)
for name, environment in [
    ("keras.json alone", settings),
    ("keras.json and KERAS_BACKEND=tensorflow", {**settings, "KERAS_BACKEND": "tensorflow"}),
]:
    child = subprocess.run(
        [sys.executable, "-c", show], env=environment, capture_output=True, text=True
    )
    print(f"{name:<40} -> {child.stdout.strip()}")

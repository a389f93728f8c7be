"""Legacy HDF5: model.save("model.h5") still works, and logs a warning through absl."""

import logging
import logging.handlers
import warnings

import keras
import numpy as np

keras.utils.set_random_seed(42)

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])
model.compile(optimizer="adam", loss="mean_squared_error")
absl_logger = logging.getLogger("absl")


def save_and_collect(path):
    """Save, and return what reached the absl logger and Python's warnings."""
    log = logging.handlers.BufferingHandler(capacity=100)
    absl_logger.addHandler(log)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.save(path)
    absl_logger.removeHandler(log)
    return log.buffer, [w for w in caught if "HDF5" in str(w.message)]


records, python_warnings = save_and_collect("model.h5")
for record in records:
    print(f"{record.name} logger, {record.levelname}: {record.getMessage()[:60]}...")
print("Python warnings about HDF5:", len(python_warnings))

# A log record, not a warnings.warn(): filterwarnings() cannot hide it; the logger level can.
previous_level = absl_logger.level
absl_logger.setLevel(logging.ERROR)
records, _ = save_and_collect("model.h5")
absl_logger.setLevel(previous_level)
print("with the absl logger at ERROR:", len(records), "records")

restored = keras.models.load_model("model.h5")
x = np.random.rand(5, 4)
same = np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
print("reloaded from model.h5, identical predictions:", same)

model.save("model.hdf5")  # the other HDF5 extension: the same format, the same warning
restored = keras.models.load_model("model.hdf5")
same = np.array_equal(model.predict(x, verbose=0), restored.predict(x, verbose=0))
print("reloaded from model.hdf5, identical predictions:", same)

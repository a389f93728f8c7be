import os
import shutil

import tensorflow as tf
from sklearn.datasets import load_diabetes
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorflow import keras

keras.utils.set_random_seed(42)
x, y = load_diabetes(return_X_y=True)  # 442 patients, 10 features
y = y / y.max()

model = keras.Sequential(
    [keras.Input(shape=(10,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)]
)
model.compile(optimizer="adam", loss="mse")

# The callback writes event files under log_dir while fit() runs. It adds to what is there,
# so clear the logs of earlier runs first (as TensorBoard's own tutorial does).
shutil.rmtree("logs", ignore_errors=True)
tensorboard = keras.callbacks.TensorBoard(log_dir="logs")
history = model.fit(
    x, y, epochs=3, batch_size=64, validation_split=0.2, verbose=0, callbacks=[tensorboard]
)
print(sorted(os.listdir("logs")))  # one folder per run

for run in ["train", "validation"]:
    events = EventAccumulator(os.path.join("logs", run))
    events.Reload()
    tags = events.Tags()
    print(run, "scalars:", tags["scalars"], "tensors:", sorted(tags["tensors"]))
    # Each epoch value is a tensor summary (tf.keras 2 wrote them the same way)
    losses = [float(tf.make_ndarray(event.tensor_proto)) for event in events.Tensors("epoch_loss")]
    print(run, "epoch_loss:", [round(loss, 3) for loss in losses])

print("history loss:    ", [round(loss, 3) for loss in history.history["loss"]])
print("history val_loss:", [round(loss, 3) for loss in history.history["val_loss"]])

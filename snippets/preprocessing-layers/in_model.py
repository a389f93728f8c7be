"""Preprocessing inside the model: Normalization as its first layer, saved with it."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

rng = np.random.default_rng(0)
x = rng.normal([10.0, 1000.0], [2.0, 200.0], size=(200, 2)).astype("float32")
y = (x[:, :1] / 10 + x[:, 1:] / 1000).astype("float32")  # about 2

norm = keras.layers.Normalization()
norm.adapt(x)  # before compile() and fit(): adapt() is not part of training
mean = keras.ops.convert_to_numpy(norm.mean)
print("mean after adapt():", [f"{m:.1f}" for m in mean[0]])

model = keras.Sequential([keras.Input(shape=(2,)), norm, keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(0.1), loss="mse")
history = model.fit(x, y, epochs=20, batch_size=32, verbose=0)
print(f"loss: first epoch {history.history['loss'][0]:.3f}, last {history.history['loss'][-1]:.3f}")
print("trainable weights:", [w.name for w in model.trainable_weights])
print("non-trainable:    ", [w.name for w in model.non_trainable_weights])

# The statistics are saved with the model: it takes raw numbers after reloading too.
model.save("model.keras")
reloaded = keras.models.load_model("model.keras")
mean = keras.ops.convert_to_numpy(reloaded.layers[0].mean)
print("mean after fit() and reloading:", [f"{m:.1f}" for m in mean[0]])
raw = np.array([[10.0, 1000.0], [12.0, 1200.0]], dtype="float32")
print("predict on raw numbers:", [f"{p:.2f}" for p in reloaded.predict(raw, verbose=0)[:, 0]])

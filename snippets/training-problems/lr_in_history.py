"""Where fit() records the learning rate that ReduceLROnPlateau watches and changes."""

import numpy as np
import tensorflow as tf

print("tf.keras is", tf.keras.layers.Dense.__module__.split(".")[0])  # tf_keras: legacy Keras 2
tf.keras.utils.set_random_seed(42)
rng = np.random.default_rng(0)
x = rng.uniform(0, 10, size=(256, 3)).astype("float32")
y = (x @ np.array([0.5, -1.0, 2.0]) + 3.0).astype("float32")[:, None]

model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.001), loss="mse")
reduce_lr = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", patience=1)
history = model.fit(x, y, epochs=2, callbacks=[reduce_lr], verbose=0)
print("history keys:", sorted(history.history))
for name in ("learning_rate", "lr"):
    try:
        print(f"model.optimizer.{name}:", round(float(getattr(model.optimizer, name)), 4))
    except AttributeError as error:
        print(f"model.optimizer.{name}: {type(error).__name__}")

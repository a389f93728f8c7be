"""An unfrozen base called with training=False: do its BatchNormalization statistics move?"""

import numpy as np
import tensorflow as tf

print("tf.keras is", tf.keras.layers.Dense.__module__.split(".")[0])  # tf_keras: legacy Keras 2
rng = np.random.default_rng(0)
x = rng.normal(2.0, 1.0, size=(64, 4)).astype("float32")  # new data: another mean than before
y = np.zeros((64, 1), "float32")


def make_base() -> tf.keras.Model:
    inputs = tf.keras.Input(shape=(4,))
    h = tf.keras.layers.Dense(3)(inputs)
    return tf.keras.Model(inputs, tf.keras.layers.BatchNormalization(name="bn")(h), name="base")


class Subclassed(tf.keras.Model):
    def __init__(self, base):
        super().__init__()
        self.base = base
        self.head = tf.keras.layers.Dense(1)

    def call(self, inputs, training=None):
        return self.head(self.base(inputs, training=False))


def functional(base, **call_kwargs):
    inputs = tf.keras.Input(shape=(4,))
    return tf.keras.Model(inputs, tf.keras.layers.Dense(1)(base(inputs, **call_kwargs)))


contexts = {  # how the base is called, and whether its BatchNormalization layer is frozen
    "functional, base(x, training=False)": (lambda base: functional(base, training=False), False),
    "functional, base(x)": (functional, False),
    "subclassed, self.base(x, training=False)": (Subclassed, False),
    "functional, training=False, bn frozen": (lambda base: functional(base, training=False), True),
}
print(f"{'the unfrozen base, called as':<48}moving_mean moved  predictions moved")
for name, (build, freeze_bn) in contexts.items():
    tf.keras.utils.set_random_seed(42)
    base = make_base()
    model = build(base)
    base.trainable = True
    base.get_layer("bn").trainable = not freeze_bn  # frozen: the fix that works in both
    # learning_rate=0: fit() changes no weight by gradient descent, only BN statistics.
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    before, moving_mean = model.predict(x, verbose=0), base.get_layer("bn").moving_mean.numpy()
    model.fit(x, y, epochs=1, batch_size=16, verbose=0)
    mean_moved = not np.allclose(moving_mean, base.get_layer("bn").moving_mean.numpy())
    predictions_moved = not np.allclose(before, model.predict(x, verbose=0))
    print(f"{name:<48}{mean_moved!s:<19}{predictions_moved}")

"""compile(run_eagerly=True): call() and train_step() see real values you can print."""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)


class Peek(keras.layers.Layer):
    """Passes its input through, printing what it received."""

    def call(self, x):
        print(f"  Peek.call: {type(x).__name__} {tuple(x.shape)}")
        return x


class Debuggable(keras.Model):
    def train_step(self, data):
        logs = super().train_step(data)
        loss = logs["loss"]
        if tf.executing_eagerly():
            print(f"  train_step: loss so far this epoch = {float(loss):.4f}")
        else:  # in a graph: no value to print
            print(f"  train_step is being traced: loss is a {type(loss).__name__}")
            try:
                float(loss)
            except TypeError:
                print("  float(loss) raises TypeError")
        return logs


x = np.random.rand(8, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)

for run_eagerly in (False, True):
    print(f"build the model (run_eagerly={run_eagerly}):")
    inputs = keras.Input(shape=(3,))
    hidden = Peek()(keras.layers.Dense(4)(inputs))
    model = Debuggable(inputs, keras.layers.Dense(1)(hidden))
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)
    print("fit: 2 epochs of 2 batches")
    model.fit(x, y, batch_size=4, epochs=2, verbose=0)

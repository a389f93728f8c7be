"""Keras adds every loss in model.losses to val_loss too; a layer's call() decides what is there."""

import keras
from keras import ops
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target.astype("float32") / 9.0


class OutputPenalty(keras.layers.Layer):
    """Adds the mean square of its inputs to the loss: at every call, or only in training."""

    def __init__(self, only_in_training: bool, **kwargs):
        super().__init__(**kwargs)
        self.only_in_training = only_in_training

    def call(self, inputs, training=None):
        if training or not self.only_in_training:
            self.add_loss(ops.mean(ops.square(inputs)))
        return inputs


def losses(*penalty: keras.layers.Layer, **dense_options) -> str:
    """loss and val_loss of one epoch, with the same initial weights for every model."""
    initializer = keras.initializers.GlorotUniform(seed=1)  # a seed: the same weights each time
    dense = keras.layers.Dense(1, kernel_initializer=initializer, **dense_options)
    model = keras.Sequential([keras.Input(shape=(64,)), dense, *penalty])
    # As before: frozen weights (learning rate 0), validation on the training data itself.
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    history = model.fit(x, y, batch_size=len(x), epochs=1, validation_data=(x, y), verbose=0)
    return f"{history.history['loss'][0]:>6.3f}{history.history['val_loss'][0]:>10.3f}"


print(f"{'':<40}{'loss':>6}{'val_loss':>10}")
print(f"{'no penalty: the mean squared error':<40}{losses()}")
regularizer = keras.regularizers.L2(1.0)
print(f"{'Dense(activity_regularizer=L2(1.0))':<40}{losses(activity_regularizer=regularizer)}")
print(f"{'add_loss() at every call':<40}{losses(OutputPenalty(only_in_training=False))}")
print(f"{'add_loss() only if training':<40}{losses(OutputPenalty(only_in_training=True))}")

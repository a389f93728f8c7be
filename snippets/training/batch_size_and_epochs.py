"""batch_size = samples per gradient update; an epoch = one pass over these arrays."""

import math

import keras
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()  # 1797 real 8x8 images of digits, shipped with scikit-learn
x, y = digits.data.astype("float32") / 16.0, digits.target
print("training samples:", len(x))


class CountBatches(keras.callbacks.Callback):
    """Counts the batches (gradient updates) of each epoch."""

    def on_train_begin(self, logs=None):
        self.per_epoch = []

    def on_epoch_begin(self, epoch, logs=None):
        self.per_epoch.append(0)

    def on_train_batch_end(self, batch, logs=None):
        self.per_epoch[-1] += 1


def small_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10),
        ]
    )
    model.compile(
        optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    )
    return model


for batch_size in (32, len(x)):
    model = small_model()
    counter = CountBatches()
    history = model.fit(x, y, batch_size=batch_size, epochs=3, verbose=0, callbacks=[counter])
    print(f"fit(batch_size={batch_size}, epochs=3):")
    print(f"  batches counted in each epoch: {counter.per_epoch}")
    print(f"  ceil({len(x)} / {batch_size}) = {math.ceil(len(x) / batch_size)}")
    print("  len(history.history['loss']):", len(history.history["loss"]), "(one per epoch)")
    print("  gradient updates (optimizer.iterations):", int(model.optimizer.iterations))

# With initial_epoch (to resume training), epochs is the index of the last epoch, not a count.
history = model.fit(x, y, batch_size=len(x), initial_epoch=3, epochs=5, verbose=0)
print("fit(initial_epoch=3, epochs=5): epochs run", history.epoch, f"({len(history.epoch)} epochs)")

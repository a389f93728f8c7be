"""trainable = False: a layer's weights move to non_trainable_weights; a model's, all of them."""

import keras
import numpy as np

keras.utils.set_random_seed(42)


def counts(layer: keras.Layer) -> str:
    return (
        f"{len(layer.weights)} weights: {len(layer.trainable_weights)} trainable, "
        f"{len(layer.non_trainable_weights)} non-trainable"
    )


model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, name="dense"),
        keras.layers.BatchNormalization(name="bn"),
        keras.layers.Dense(1, name="head"),
    ]
)
print("Dense:             ", counts(model.get_layer("dense")))
print("BatchNormalization:", counts(model.get_layer("bn")))
print("model:             ", counts(model))

model.get_layer("dense").trainable = False
print("dense frozen:      ", counts(model))
model.trainable = False  # sets trainable on every layer inside too
print("model frozen:      ", counts(model))
print("layers trainable:  ", [layer.trainable for layer in model.layers])

# BatchNormalization is the exception: frozen, it also normalizes with its moving
# statistics, even when called with training=True.
bn = keras.layers.BatchNormalization()
bn.build((None, 1))
x = np.random.default_rng(0).normal(5.0, 2.0, size=(64, 1)).astype("float32")
for trainable in (True, False):
    bn.trainable = trainable
    before = keras.ops.convert_to_numpy(bn.moving_mean)
    y = keras.ops.convert_to_numpy(bn(x, training=True))
    after = keras.ops.convert_to_numpy(bn.moving_mean)
    print(
        f"bn.trainable={trainable!s:<5} bn(x, training=True): x mean {x.mean():.2f},",
        f"output mean {np.round(y.mean(), 2) + 0:.2f},",
        f"moving_mean {before[0]:.3f} -> {after[0]:.3f}",
    )

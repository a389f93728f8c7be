"""MirroredStrategy on two logical CPU devices: one model, a copy of each weight per device."""

import keras
import numpy as np
import tensorflow as tf

# Split the CPU into two logical devices, before TensorFlow sets up its devices.
cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 2)
print("devices:", [device.name for device in tf.config.list_logical_devices("CPU")])

keras.utils.set_random_seed(42)
x = np.random.rand(256, 4).astype("float32")
y = (x[:, 0] * 3).astype("int32")  # 3 classes, from the first feature


def make_model() -> keras.Model:
    inputs = keras.Input(shape=(4,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    outputs = keras.layers.Dense(3, activation="softmax")(hidden)
    return keras.Model(inputs, outputs)


strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print("replicas in sync:", strategy.num_replicas_in_sync)
with strategy.scope():  # create and compile the model (its weights, the optimizer's) here
    model = make_model()
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
kernel = model.layers[1].kernel.value  # the backend variable behind the Keras weight
print("kernel:", type(kernel).__name__, "on", [v.device[-5:] for v in kernel.values])

# batch_size is the global batch, split between the 2 replicas (16 and 16 here).
GLOBAL_BATCH = 32


def split(samples: np.ndarray) -> list[list[int]]:
    """The samples each replica gets from each global batch, as fit() distributes them."""
    batches = strategy.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices(samples).batch(GLOBAL_BATCH)
    )
    sizes = [strategy.run(lambda batch: tf.shape(batch)[0], args=(b,)) for b in batches]
    return [[int(n) for n in strategy.experimental_local_results(size)] for size in sizes]


print("global batch", GLOBAL_BATCH, "-> per replica", split(x)[0])

# The same model and starting weights, trained on one device with the same batch size.
single = make_model()
single.set_weights(model.get_weights())
single.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
mirrored = model.fit(x, y, batch_size=GLOBAL_BATCH, epochs=5, shuffle=False, verbose=0)
alone = single.fit(x, y, batch_size=GLOBAL_BATCH, epochs=5, shuffle=False, verbose=0)
print("2 replicas, loss:", [round(value, 3) for value in mirrored.history["loss"]])
print("1 device,   loss:", [round(value, 3) for value in alone.history["loss"]])
pairs = zip(model.get_weights(), single.get_weights(), strict=True)
difference = max(np.abs(a - b).max() for a, b in pairs)
print("largest weight difference after fit below 1e-5:", bool(difference < 1e-5))
print("the two copies of the kernel equal:", np.array_equal(*[v.numpy() for v in kernel.values]))
kinds = sorted({type(variable.value).__name__ for variable in model.optimizer.variables})
print("optimizer variables after fit:", kinds)

# 37 samples: the last batch does not split evenly, and the two runs drift apart.
print("37 samples -> per replica", split(x[:37]))
with strategy.scope():
    uneven = make_model()
    uneven.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
uneven_single = make_model()
uneven_single.set_weights(uneven.get_weights())
uneven_single.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
for each in (uneven, uneven_single):
    each.fit(x[:37], y[:37], batch_size=GLOBAL_BATCH, epochs=3, shuffle=False, verbose=0)
pairs = zip(uneven.get_weights(), uneven_single.get_weights(), strict=True)
difference = max(np.abs(a - b).max() for a, b in pairs)
print("37 samples, largest weight difference after fit above 1e-3:", bool(difference > 1e-3))

# Once TensorFlow has set up its devices, the split can no longer be changed.
try:
    tf.config.set_logical_device_configuration(
        cpus[0], [tf.config.LogicalDeviceConfiguration()] * 3
    )
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

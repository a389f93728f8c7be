"""A keras.applications base (weights=None here: no download): its weights at each step."""

import keras

keras.utils.set_random_seed(42)
base = keras.applications.MobileNetV2(input_shape=(96, 96, 3), include_top=False, weights=None)
batch_norms = [layer for layer in base.layers if isinstance(layer, keras.layers.BatchNormalization)]
print(f"MobileNetV2 base: {len(base.layers)} layers, {len(batch_norms)} BatchNormalization")


def counts(model: keras.Model) -> str:
    return (
        f"{len(model.trainable_weights):>3} trainable, "
        f"{len(model.non_trainable_weights):>3} non-trainable weights"
    )


print("as loaded:                  ", counts(base))
base.trainable = False
print("base.trainable = False:     ", counts(base))

inputs = keras.Input(shape=(96, 96, 3))
x = keras.applications.mobilenet_v2.preprocess_input(inputs)  # pixels 0-255 to [-1, 1]
x = base(x, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
outputs = keras.layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
print("model, base frozen:         ", counts(model))

base.trainable = True
print("base.trainable = True:      ", counts(model))
for layer in batch_norms:
    layer.trainable = False
print("BatchNormalization frozen:  ", counts(model))

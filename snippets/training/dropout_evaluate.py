"""evaluate() runs Dropout and GaussianNoise in inference mode: they do nothing there."""

import keras
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target
x_train, y_train, x_val, y_val = x[:1500], y[:1500], x[1500:], y[1500:]

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.GaussianNoise(0.3),  # adds noise to the inputs, in training only
        keras.layers.Dense(64, activation="relu"),
        # zeroes each activation with probability 0.5 and doubles the others, in training only
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10),
    ]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss_fn)
model.fit(x_train, y_train, epochs=3, verbose=0)

print(f"{'model.evaluate(x_val, y_val)':<40}{model.evaluate(x_val, y_val, verbose=0):.3f}")
for training in (False, True, True):  # training=True twice: new noise, new loss
    loss = float(loss_fn(y_val, model(x_val, training=training)))
    print(f"{f'loss of model(x_val, training={training})':<40}{loss:.3f}")

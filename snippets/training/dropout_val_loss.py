"""During fit(), val_loss is computed in inference mode too; the training loss is not."""

import keras
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.GaussianNoise(0.3),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10),
    ]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss_fn)
model.fit(x, y, epochs=3, verbose=0)

# Freeze the weights (learning rate 0) and validate on the training data itself: the same
# weights and the same samples, so only Dropout and GaussianNoise can make the losses differ.
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=loss_fn)
history = model.fit(x, y, batch_size=len(x), epochs=1, validation_data=(x, y), verbose=0)

rows = [
    ('history.history["loss"]', history.history["loss"][0]),
    ('history.history["val_loss"]', history.history["val_loss"][0]),
    ("model.evaluate(x, y)", model.evaluate(x, y, verbose=0)),
    ("loss of model(x, training=False)", float(loss_fn(y, model(x, training=False)))),
    ("loss of model(x, training=True)", float(loss_fn(y, model(x, training=True)))),
]
for label, loss in rows:
    print(f"{label:<34}{loss:.3f}")

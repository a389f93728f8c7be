"""A weight penalty is part of the loss: of loss, val_loss and evaluate() alike."""

import keras
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x, y = digits.data.astype("float32") / 16.0, digits.target.astype("float32") / 9.0

# A strong L2 penalty on the weights; no Dropout or noise anywhere.
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(10.0)),
    ]
)
# As before: frozen weights (learning rate 0), validation on the training data itself.
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mse"])
history = model.fit(x, y, batch_size=len(x), epochs=1, validation_data=(x, y), verbose=0)

mse = float(keras.losses.MeanSquaredError()(y, model(x, training=False)))
penalty = float(sum(model.losses))  # the penalties the layers added: 10 * sum(kernel ** 2)
rows = [
    ("mean squared error alone", mse),
    ("penalty, sum(model.losses)", penalty),
    ("mean squared error + penalty", mse + penalty),
    ('history.history["loss"]', history.history["loss"][0]),
    ('history.history["val_loss"]', history.history["val_loss"][0]),
    ("model.evaluate(x, y)", model.evaluate(x, y, verbose=0)[0]),
    ('history.history["val_mse"]', history.history["val_mse"][0]),  # a metric: no penalty
]
for label, loss in rows:
    print(f"{label:<30}{loss:.3f}")

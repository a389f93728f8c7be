"""compile() with a loss, a loss weight and metrics per output, keyed by output name."""

import keras
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)

digits = load_digits()
x = (digits.data / 16.0).astype("float32")  # 1797 images of 8 x 8 pixels, in [0, 1]
y = {
    "digit": digits.target,  # the class, 0 to 9
    "ink": x.mean(axis=1, keepdims=True),  # a number: the share of ink in the image
}
x_train, x_test = x[:1500], x[1500:]
y_train = {name: target[:1500] for name, target in y.items()}
y_test = {name: target[1500:] for name, target in y.items()}

inputs = keras.Input(shape=(64,), name="pixels")
features = keras.layers.Dense(32, activation="relu", name="shared")(inputs)
digit = keras.layers.Dense(10, activation="softmax", name="digit")(features)
ink = keras.layers.Dense(1, name="ink")(features)
model = keras.Model(inputs, [digit, ink])

model.compile(
    optimizer="adam",
    loss={"digit": "sparse_categorical_crossentropy", "ink": "mse"},
    loss_weights={"digit": 1.0, "ink": 10.0},
    metrics={"digit": ["accuracy"], "ink": ["mae"]},
)
history = model.fit(x_train, y_train, validation_split=0.2, epochs=20, batch_size=64, verbose=0)
print("history keys:", sorted(history.history))
print(f"last epoch:     {'training':>9} {'validation':>11}")
for name in sorted(name for name in history.history if not name.startswith("val_")):
    train, val = history.history[name][-1], history.history["val_" + name][-1]
    print(f"{name:<15} {train:9.3f} {val:11.3f}")

results = model.evaluate(x_test, y_test, return_dict=True, verbose=0)
print("evaluate():", ", ".join(f"{name} {results[name]:.4f}" for name in sorted(results)))
weighted = 1.0 * results["digit_loss"] + 10.0 * results["ink_loss"]
print(f"loss {results['loss']:.4f}; 1.0 * digit_loss + 10.0 * ink_loss = {weighted:.4f}")

# 297 test images: 9 batches of 32 and one of 9. In one batch, loss and the sum agree.
one = model.evaluate(x_test, y_test, batch_size=len(x_test), return_dict=True, verbose=0)
weighted = 1.0 * one["digit_loss"] + 10.0 * one["ink_loss"]
print(f"one batch: loss {one['loss']:.4f}; weighted sum {weighted:.4f}")
print("one batch:", ", ".join(f"{name} {one[name]:.4f}" for name in sorted(one)))

"""Two train_step() idioms of tf.keras 2, run unchanged: the loss that fit() reports."""

import warnings

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
x = rng.random((64, 3), dtype="float32")
y = x @ np.array([[1.0], [2.0], [3.0]], dtype="float32")


class CompiledLossStep(tf.keras.Model):
    """The step as tf.keras 2 guides wrote it: compiled_loss() and compiled_metrics."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables, strict=True))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


class ComputeLossStep(tf.keras.Model):
    """The same step with compute_loss() and compute_metrics(), which tf.keras 2 has too."""

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables, strict=True))
        return self.compute_metrics(x, y, y_pred, None)


for model_class in (tf.keras.Model, CompiledLossStep, ComputeLossStep):
    tf.keras.utils.set_random_seed(1)  # the same initial weights for the three models
    inputs = tf.keras.Input(shape=(3,))
    model = model_class(inputs, tf.keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    if model_class is tf.keras.Model:
        y_pred = model.predict(x, verbose=0)
        mse, mean = np.mean((y - y_pred) ** 2), np.mean(y_pred)
        print(f"before training: MSE {mse:.4f}, mean prediction {mean:.4f}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(x, y, batch_size=64, epochs=1, verbose=0)  # one step
    logs = {name: round(values[0], 4) for name, values in sorted(history.history.items())}
    after = model.evaluate(x, y, verbose=0, return_dict=True)["loss"]
    print(f"{model_class.__name__}: fit() reports {logs}; evaluate() after: {after:.4f}")
    for message in sorted({str(w.message) for w in caught if w.category is UserWarning}):
        print("  UserWarning:", message.split(". ")[0])

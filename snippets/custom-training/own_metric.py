"""A metric of your own in train_step(), and the test_step() that keeps it out of validation."""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
x = rng.random((80, 3), dtype="float32")
y = x @ np.array([[1.0], [2.0], [3.0]], dtype="float32") + 0.5


class GradientNorm(keras.Model):
    """Reports the global norm of the gradients, averaged over each epoch."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A metric assigned to the model is tracked: it is in self.metrics, and reset
        # at the start of every epoch, like compile()'s metrics.
        self.gradient_norm = keras.metrics.Mean(name="gradient_norm")

    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x, y, y_pred, sample_weight, training=True)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)
        self.gradient_norm.update_state(tf.linalg.global_norm(gradients))
        replicas = tf.distribute.get_strategy().num_replicas_in_sync  # compute_loss() divided by it
        batch_size = keras.ops.shape(keras.tree.flatten(x)[0])[0]
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss * replicas, sample_weight=batch_size)
        return self.compute_metrics(x, y, y_pred, sample_weight)


class GradientNormTestStep(GradientNorm):
    def test_step(self, data):
        logs = super().test_step(data)  # the built-in step: loss and compile()'s metrics
        return {name: value for name, value in logs.items() if name != "gradient_norm"}


for model_class in (GradientNorm, GradientNormTestStep):
    keras.utils.set_random_seed(1)
    inputs = keras.Input(shape=(3,))
    model = model_class(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    history = model.fit(x, y, batch_size=32, epochs=2, validation_data=(x, y), verbose=0)
    print(f"{model_class.__name__}, metrics: {[m.name for m in model.metrics]}")
    for name, values in sorted(history.history.items()):
        print(f"  {name:18} {[round(value, 4) for value in values]}")
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    print("  evaluate:", {name: round(value, 4) for name, value in logs.items()})

"""Your own train_step() and test_step() inside fit(), written the Keras 3 way."""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
x = rng.random((80, 3), dtype="float32")
y = x @ np.array([[1.0], [2.0], [3.0]], dtype="float32") + 0.5


class CustomModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            # compile()'s loss, plus the losses of add_loss() and of weight regularizers
            loss = self.compute_loss(x, y, y_pred, sample_weight, training=True)
            # larger only with loss scaling (mixed_float16); apply() divides the gradients back
            scaled_loss = self.optimizer.scale_loss(loss)
        gradients = tape.gradient(scaled_loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)
        return self.update_metrics(x, y, y_pred, sample_weight, loss)  # the unscaled loss

    def test_step(self, data):  # what evaluate() and fit()'s validation run for each batch
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(x, y, y_pred, sample_weight, training=False)
        return self.update_metrics(x, y, y_pred, sample_weight, loss)

    def update_metrics(self, x, y, y_pred, sample_weight, loss):
        # Under a tf.distribute strategy, compute_loss() divides the loss by the number of
        # replicas; the built-in steps multiply it back before they log it (here: 1 replica).
        loss = loss * tf.distribute.get_strategy().num_replicas_in_sync
        # A mean over samples: weighted by the batch size, read from the first input
        batch_size = keras.ops.shape(keras.tree.flatten(x)[0])[0]
        for metric in self.metrics:
            if metric.name == "loss":  # the mean loss that compile() set up: yours to update
                metric.update_state(loss, sample_weight=batch_size)
        # updates compile()'s metrics, then returns every metric in self.metrics, by name
        return self.compute_metrics(x, y, y_pred, sample_weight)


histories = {}
for model_class in (keras.Model, CustomModel):
    keras.utils.set_random_seed(1)  # the same initial weights for both models
    inputs = keras.Input(shape=(3,))
    model = model_class(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    history = model.fit(
        x, y, batch_size=32, epochs=3, shuffle=False, validation_data=(x, y), verbose=0
    )
    histories[model_class.__name__] = history.history
    print(f"{model_class.__name__}, metrics: {[m.name for m in model.metrics]}")
    for name, values in sorted(history.history.items()):
        print(f"  {name:8} {[round(value, 4) for value in values]}")
    print(
        "  evaluate:",
        {k: round(v, 4) for k, v in model.evaluate(x, y, verbose=0, return_dict=True).items()},
    )

print("same history:", histories["Model"] == histories["CustomModel"])

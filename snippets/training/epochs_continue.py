"""With steps_per_epoch, the next epoch picks up the stream where the last one stopped."""

import keras
import tensorflow as tf

seen = []  # the sample numbers the model is trained on, in order


class RecordSamples(keras.layers.Layer):
    def call(self, x, training=None):
        if training:
            seen.extend(int(v) for v in x[:, 0])
        return x


numbers = tf.data.Dataset.range(10).map(lambda i: tf.cast([i], "float32"))
endless = tf.data.Dataset.zip(numbers, numbers).batch(2).repeat()  # samples 0..9, forever

model = keras.Sequential([keras.Input(shape=(1,)), RecordSamples(), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse", run_eagerly=True)  # eager, so the layer can record
model.fit(endless, epochs=3, steps_per_epoch=2, shuffle=False, verbose=0)
for epoch in range(3):
    print(f"epoch {epoch + 1}: samples {seen[epoch * 4 : epoch * 4 + 4]}")

"""No Keras at all: variables, a GradientTape and a hand-written update."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
x = tf.constant(rng.uniform(-1, 1, size=(64, 1)), dtype=tf.float32)
y = 3 * x + 2 + tf.constant(rng.normal(0, 0.1, size=(64, 1)), dtype=tf.float32)

w = tf.Variable(0.0)
b = tf.Variable(0.0)
learning_rate = 0.1

for step in range(1, 201):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(w * x + b - y))  # mean squared error
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * dw)  # plain gradient descent
    b.assign_sub(learning_rate * db)
    if step in (1, 50, 200):
        print(f"step {step:>3}: loss {float(loss):.4f}")

print(f"learned: y = {float(w):.2f} * x + {float(b):.2f}  (true: 3 * x + 2)")

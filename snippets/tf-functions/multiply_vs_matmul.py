"""tf.multiply is *, elementwise; tf.matmul is @, the matrix product."""

import tensorflow as tf

a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[10, 20], [30, 40]])

print("tf.multiply(a, b) =\n", tf.multiply(a, b).numpy())
print("a * b == tf.multiply(a, b):", bool(tf.reduce_all(a * b == tf.multiply(a, b))))

print("tf.matmul(a, b) =\n", tf.matmul(a, b).numpy())
print("a @ b == tf.matmul(a, b):", bool(tf.reduce_all(a @ b == tf.matmul(a, b))))

print("a * b == a @ b:", bool(tf.reduce_all(a * b == a @ b)))  # two different products

"""tf.multiply is *, elementwise; tf.matmul is @, the matrix product."""

import re

import tensorflow as tf

a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[10, 20], [30, 40]])

print("tf.multiply(a, b) =\n", tf.multiply(a, b).numpy())
print("a * b == tf.multiply(a, b):", bool(tf.reduce_all(a * b == tf.multiply(a, b))))

print("tf.matmul(a, b) =\n", tf.matmul(a, b).numpy())
print("a @ b == tf.matmul(a, b):", bool(tf.reduce_all(a @ b == tf.matmul(a, b))))

print("a * b == a @ b:", bool(tf.reduce_all(a * b == a @ b)))  # two different products

# NumPy's @ also takes a 1-D vector; tf.matmul (and @ on tensors) wants two dimensions or more.
v = tf.constant([1, 2])
print("NumPy a @ v:", a.numpy() @ v.numpy())
try:
    a @ v
except tf.errors.InvalidArgumentError as error:
    message = re.search(r"In\[0\] and In\[1\] .*? vs\. \S+", str(error))[0]
    print("tensors a @ v: InvalidArgumentError:", message)
print("tf.linalg.matvec(a, v):", tf.linalg.matvec(a, v).numpy())

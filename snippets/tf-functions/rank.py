"""tf.rank is the number of dimensions of a tensor, not the rank of a matrix."""

import numpy as np
import tensorflow as tf

batch = tf.zeros((2, 3, 3))  # a batch of two 3x3 matrices
print("shape:", batch.shape)
print("tf.rank:", int(tf.rank(batch)))  # 3 dimensions
print("ndim:", batch.ndim, "| len(shape):", len(batch.shape))  # the same number

# A 2-D matrix whose second row is twice the first: its *matrix* rank is 1.
matrix = np.array([[1.0, 2.0], [2.0, 4.0]])
print("tf.rank(matrix):", int(tf.rank(matrix)))  # 2, because it has two dimensions
print("np.linalg.matrix_rank(matrix):", np.linalg.matrix_rank(matrix))  # 1 independent row
print("tf.linalg.matrix_rank(matrix):", int(tf.linalg.matrix_rank(matrix)))

"""initial_state= and a mask from Embedding(mask_zero=True): is the padding still skipped?"""

import numpy as np
import tensorflow as tf

print("tf.keras is", tf.keras.layers.LSTM.__module__.split(".")[0])  # tf_keras: legacy Keras 2
tf.keras.utils.set_random_seed(42)

embedding = tf.keras.layers.Embedding(input_dim=10, output_dim=4, mask_zero=True)
lstm = tf.keras.layers.LSTM(3)
short = tf.constant([[3, 5, 2, 0]])  # three tokens and one padding step
long = tf.constant([[3, 5, 2, 0, 0, 0, 0, 0, 0]])  # the same tokens and six padding steps
h0 = c0 = tf.zeros((1, 3))  # zeros: the same start as without initial_state

# The same layers in two functional models: the mask left to Keras, or passed with mask=.
tokens = tf.keras.Input(shape=(None,), dtype="int32")
h_in, c_in = tf.keras.Input(shape=(3,)), tf.keras.Input(shape=(3,))
embedded = embedding(tokens)
auto = tf.keras.Model([tokens, h_in, c_in], lstm(embedded, initial_state=[h_in, c_in]))
mask = embedding.compute_mask(tokens)
by_hand = tf.keras.Model(
    [tokens, h_in, c_in], lstm(embedded, initial_state=[h_in, c_in], mask=mask)
)

contexts = {
    "eager, no initial_state": lambda t: lstm(embedding(t)),
    "eager, initial_state": lambda t: lstm(embedding(t), initial_state=[h0, c0]),
    "eager, initial_state, mask=": lambda t: lstm(
        embedding(t), initial_state=[h0, c0], mask=embedding.compute_mask(t)
    ),
    "model(x), initial_state": lambda t: auto([t, h0, c0]),
    "predict, initial_state": lambda t: auto.predict([t, h0, c0], verbose=0),
    "model(x), initial_state, mask=": lambda t: by_hand([t, h0, c0]),
    "predict, initial_state, mask=": lambda t: by_hand.predict([t, h0, c0], verbose=0),
}
print("4 steps vs 9 steps (one vs six padding steps), same LSTM output:")
for context, call in contexts.items():
    print(f"  {context:<32}{np.allclose(call(short), call(long), atol=1e-6)}")

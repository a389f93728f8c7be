"""TF2 has no tf.Session (only tf.compat.v1.Session): ops run eagerly, tf.function traces graphs."""

import tensorflow as tf

print("tf.Session exists:", hasattr(tf, "Session"))
print("tf.compat.v1.Session exists:", hasattr(tf.compat.v1, "Session"))  # for TF1 code
print("eager at top level:", tf.executing_eagerly())

x = tf.constant([1.0, 2.0, 3.0])
y = x * 2  # runs now, no session.run(): the value is already there
print("eager result:", y.numpy())


def plain(t):
    print("  body of plain:  eager", tf.executing_eagerly(), type(t).__name__)
    return t * 2


@tf.function
def traced(t):
    # Python code here runs while TensorFlow *traces* the function into a graph.
    print("  body of traced: eager", tf.executing_eagerly(), type(t).__name__)
    return t * 2


print("plain(x) ->", plain(x).numpy())
print("traced(x) ->", traced(x).numpy())
print("traced(x) again ->", traced(x).numpy())  # same input signature: no new trace
print("number of traces:", traced.experimental_get_tracing_count())
# The undecorated Python function is still there, and runs eagerly:
print("traced.python_function(x) ->", traced.python_function(x).numpy())

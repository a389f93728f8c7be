"""tf.print inside a layer fails when fit() is compiled with XLA (jit_compile=True)."""

import re
import sys

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)


class PrintBatchSize(keras.layers.Layer):
    """Passes its input through, printing the batch size with tf.print."""

    def call(self, x):
        tf.print("  batch size:", tf.shape(x)[0], output_stream=sys.stdout)
        return x


class PrintBatchSizeNoXLA(PrintBatchSize):
    """The same layer, declared unfit for XLA: Keras then compiles without it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_jit = False


x = np.random.rand(8, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)


def train(layer, **compile_args):
    model = keras.Sequential([keras.Input(shape=(3,)), layer, keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", **compile_args)
    args = ", ".join(f"{key}={value}" for key, value in compile_args.items())
    print(f"{type(layer).__name__}, compile({args}): jit_compile is {model.jit_compile}")
    try:
        model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    except tf.errors.InvalidArgumentError as error:
        message = str(error)
        print("  InvalidArgumentError:", re.search(r"No registered '\w+' OpKernel", message)[0])
        print("  'tf2xla conversion failed' in the message:", "tf2xla conversion failed" in message)


train(PrintBatchSize(), jit_compile=True)  # what jit_compile="auto" does on a GPU
train(PrintBatchSize(), jit_compile=False)
train(PrintBatchSize(), run_eagerly=True)
train(PrintBatchSizeNoXLA(), jit_compile=True)

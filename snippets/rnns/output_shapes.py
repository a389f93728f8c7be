"""What SimpleRNN, GRU and LSTM return, with and without return_sequences and return_state."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

BATCH, TIMESTEPS, FEATURES, UNITS = 2, 7, 3, 5
x = np.random.rand(BATCH, TIMESTEPS, FEATURES).astype("float32")
print(f"input: {x.shape} = (batch, timesteps, features); every layer has units={UNITS}\n")

print(f"{'layer':<10}{'return_sequences':<18}{'return_state':<14}outputs")
for layer_class in (keras.layers.SimpleRNN, keras.layers.GRU, keras.layers.LSTM):
    for return_sequences in (False, True):
        for return_state in (False, True):
            layer = layer_class(UNITS, return_sequences=return_sequences, return_state=return_state)
            result = layer(x)
            outputs = result if return_state else [result]  # a tuple only with return_state
            shapes = ", ".join(str(tuple(output.shape)) for output in outputs)
            print(
                f"{layer_class.__name__:<10}{return_sequences!s:<18}{return_state!s:<14}"
                f"{len(outputs)}: {shapes}"
            )

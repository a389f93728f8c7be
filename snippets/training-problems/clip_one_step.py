"""What clipnorm, clipvalue and global_clipnorm do to the gradients of one SGD step."""

import keras
import numpy as np


def show(arrays) -> str:
    return "  ".join("[" + " ".join(f"{v:6.3f}" for v in a) + "]" for a in arrays)


gradients = [np.array([3.0, 4.0], "float32"), np.array([0.0, 12.0], "float32")]
norms = [float(np.linalg.norm(g)) for g in gradients]
print(f"{'gradients':<20}", show(gradients), "  norms:", norms, " global norm:", np.hypot(*norms))

options = {
    "clipnorm=1.0": {"clipnorm": 1.0},
    "clipvalue=1.0": {"clipvalue": 1.0},
    "global_clipnorm=1.0": {"global_clipnorm": 1.0},
}
for name, clipping in options.items():
    variables = [keras.Variable(np.zeros(2, "float32")) for _ in gradients]
    # SGD with learning_rate=1.0 moves each variable by minus its (clipped) gradient.
    optimizer = keras.optimizers.SGD(learning_rate=1.0, **clipping)
    # Gradients as the backend's tensors, as a training step has them (PyTorch needs it).
    optimizer.apply([keras.ops.convert_to_tensor(g) for g in gradients], variables)
    print(f"{name:<20}", show(0.0 - keras.ops.convert_to_numpy(v) for v in variables))

try:
    keras.optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
except ValueError as error:
    print(f"{type(error).__name__}: {str(error).split('. ')[0]}")

"""Inside each converted file: the types each op with weights reads, holds and writes."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.lite.python import schema_py_generated as schema  # reads the .tflite format

keras.utils.set_random_seed(42)
images = (load_digits().images[:200] / 16.0).astype(np.float32)[..., np.newaxis]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)


def convert(kind: str) -> bytes:
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if kind == "float16":
        converter.target_spec.supported_types = [tf.float16]
    if kind == "int8":
        converter.representative_dataset = lambda: ([image[np.newaxis]] for image in images)
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    return converter.convert()


TYPES = {number: name for name, number in vars(schema.TensorType).items() if name.isupper()}
OPS = {number: name for name, number in vars(schema.BuiltinOperator).items() if name.isupper()}


def ops_with_weights(tflite_model: bytes) -> list[str]:
    """One line per CONV_2D or FULLY_CONNECTED op: the types of its input, weights and output,
    the number of weights, and whether it quantizes its float input itself."""
    flatbuffer = schema.Model.GetRootAsModel(tflite_model, 0)
    graph = flatbuffer.Subgraphs(0)
    ops = [graph.Operators(i) for i in range(graph.OperatorsLength())]
    names = []
    for op in ops:
        code = flatbuffer.OperatorCodes(op.OpcodeIndex())
        names.append(OPS[max(code.BuiltinCode(), code.DeprecatedBuiltinCode())])
    made_by = {op.Outputs(0): (op, name) for op, name in zip(ops, names, strict=True)}
    lines = []
    for op, name in zip(ops, names, strict=True):
        if name not in ("CONV_2D", "FULLY_CONNECTED"):
            continue
        kinds = [TYPES[graph.Tensors(op.Inputs(i)).Type()] for i in range(2)]
        weights = graph.Tensors(op.Inputs(1))
        size = int(np.prod(weights.ShapeAsNumpy()))
        if op.Inputs(1) in made_by and made_by[op.Inputs(1)][1] == "DEQUANTIZE":
            stored = TYPES[graph.Tensors(made_by[op.Inputs(1)][0].Inputs(0)).Type()]
            kinds[1] = f"{stored}->{kinds[1]}"  # stored as float16, widened when loaded
        output = TYPES[graph.Tensors(op.Outputs(0)).Type()]
        line = f"{name:<16}{kinds[0]:<9}{kinds[1]:<18}{size:>7,}  {output:<9}"
        if name == "FULLY_CONNECTED":
            options = schema.FullyConnectedOptions()
            table = op.BuiltinOptions()
            options.Init(table.Bytes, table.Pos)
            line += "yes" if options.AsymmetricQuantizeInputs() else "no"
        lines.append(line.rstrip())
    return lines


keras.config.disable_interactive_logging()  # else the conversion prints a temporary path
files = {kind: convert(kind) for kind in ["float16", "dynamic range", "int8"]}
keras.config.enable_interactive_logging()

header = f"{'op':<16}{'input':<9}{'weights':<18}{'count':>7}  {'output':<9}"
print(f"{'':<15}{header}asymmetric_quantize_inputs")
for kind, tflite_model in files.items():
    for number, line in enumerate(ops_with_weights(tflite_model)):
        print(f"{kind if number == 0 else '':<15}{line}")

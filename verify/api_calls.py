"""The public Keras, TensorFlow and NumPy APIs a block really called, recorded while it runs.

Python 3.12's `sys.monitoring` reports each CALL made from the snippet's own code objects
(the module and the functions and classes it defines; nothing else is watched, so
TensorFlow runs at full speed), with the callable. Each callable is named by its
canonical public name, as the libraries register it:

    keras.layers.LSTM, keras.ops.sum         keras.src.api_export (the first name registered)
    tf.data.TFRecordDataset                  tensorflow's tf_export registry
    keras.Model.fit                          a method: its class's public name + the method
    np.expand_dims                           numpy's own top-level names

A call through a variable or an attribute (`model.fit`, `layer(x)` -> `keras.layers.Dense`)
is recorded as what it called; a name only in a comment or a string is not.
"""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator

TOOL = sys.monitoring.PROFILER_ID
NAME = "keras-tf-cookbook api calls"
PUBLIC = ("keras", "tensorflow", "numpy")


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


@contextlib.contextmanager
def recording(compiled: types.CodeType, calls: set[str]) -> Iterator[set[str]]:
    """Record into `calls` the public APIs called from `compiled`'s own code."""
    monitoring = sys.monitoring
    if monitoring.get_tool(TOOL) is not None:  # another tool holds the id: record nothing
        yield calls
        return
    seen: dict[tuple[int, int], tuple[object, type | None]] = {}
    missing = monitoring.MISSING

    def on_call(code, offset, callable_, arg0):
        # A method call `model.fit(x)` reports the plain function and its `self` as arg0.
        owner = None if arg0 is missing else type(arg0)
        seen.setdefault((id(callable_), id(owner)), (callable_, owner))

    monitoring.use_tool_id(TOOL, NAME)
    monitoring.register_callback(TOOL, monitoring.events.CALL, on_call)
    watched = list(_code_objects(compiled))
    for code in watched:
        monitoring.set_local_events(TOOL, code, monitoring.events.CALL)
    try:
        yield calls
    finally:
        for code in watched:
            monitoring.set_local_events(TOOL, code, 0)
        monitoring.register_callback(TOOL, monitoring.events.CALL, None)
        monitoring.free_tool_id(TOOL)
        calls.update(name for obj, owner in seen.values() if (name := call_name(obj, owner)))


def call_name(obj: object, owner: type | None) -> str | None:
    """The public name of what a call called: `obj` itself, or a method of `owner` when
    `obj` is the plain function a method call reports."""
    name = public_name(obj)
    plain = (types.FunctionType, types.MethodDescriptorType, types.WrapperDescriptorType)
    if name is not None or not isinstance(obj, plain):
        return name
    if owner is not None and getattr(owner, obj.__name__, None) is obj:
        return _method_name(owner, obj.__name__)
    if not isinstance(obj, types.FunctionType):
        return None
    # A static method called on its class (tf.data.Dataset.from_tensor_slices): its class
    # is named in its qualified name.
    outer, _, method = obj.__qualname__.rpartition(".")
    cls = getattr(sys.modules.get(obj.__module__), outer, None) if outer else None
    return _method_name(cls, method) if isinstance(cls, type) else None


def public_name(obj: object) -> str | None:
    """The canonical public name of a Keras, TensorFlow or NumPy callable, or None."""
    module = getattr(obj, "__module__", None) or ""
    if isinstance(obj, types.MethodType):  # a bound method: its class's name + the method
        owner = obj.__self__ if isinstance(obj.__self__, type) else type(obj.__self__)
        return _method_name(owner, obj.__func__.__name__)
    bound_to = getattr(obj, "__self__", None)  # a method written in C: array.sum
    if isinstance(obj, types.BuiltinMethodType) and not isinstance(bound_to, types.ModuleType):
        owner = bound_to if isinstance(bound_to, type) else type(bound_to)
        return _method_name(owner, obj.__name__)
    if not module.startswith(PUBLIC) and not isinstance(obj, type):
        # an instance being called (`layer(x)`, `model(x)`): its class
        if callable(obj) and type(obj).__module__.startswith(PUBLIC):
            return _registered(type(obj))
        return None
    return _registered(obj)


def _method_name(cls: type, method: str) -> str | None:
    """`keras.Model.fit` for Sequential().fit: the most general public class that has it."""
    if method.startswith("_"):
        return None
    found = None
    for klass in cls.__mro__:
        name = _registered(klass)
        if name and hasattr(klass, method):
            found = f"{name}.{method}"
    return found


def _registered(obj: object) -> str | None:
    keras_names = _keras_names()
    try:
        if obj in keras_names:
            return keras_names[obj]
    except TypeError:  # unhashable
        return None
    module = getattr(obj, "__module__", "") or ""
    if module.startswith("tensorflow") or module.startswith("keras"):
        name = _tensorflow_name(obj)
        if name:
            return name
    if module.startswith("numpy"):
        numpy = sys.modules.get("numpy")
        name = getattr(obj, "__name__", None)
        if numpy is not None and name and getattr(numpy, name, None) is obj:
            return f"np.{name}"
    return None


def _keras_names() -> dict:
    module = sys.modules.get("keras.src.api_export")
    return getattr(module, "REGISTERED_OBJS_TO_NAMES", {}) if module else {}


def _tensorflow_name(obj: object) -> str | None:
    module = sys.modules.get("tensorflow.python.util.tf_export")
    if module is None:
        return None
    try:
        name = module.get_canonical_name_for_symbol(obj)
    except Exception:  # the registry checks odd objects in its own ways
        return None
    return f"tf.{name}" if name and not name.startswith("keras.") else None

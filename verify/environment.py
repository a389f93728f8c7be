"""The environment every run of a block sees, defined once.

TensorFlow's C++ logging (oneDNN notices, CUDA probes) goes to stderr, which no check
reads; it is quieted for the test process, the processes it starts, the notebooks'
kernels, the site build and the tools (`quiet`). A value already set is kept.
"""

from __future__ import annotations

from collections.abc import MutableMapping

QUIET = {"TF_CPP_MIN_LOG_LEVEL": "2"}


def quiet(env: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """Add QUIET's settings to `env` where it does not set them; return `env`."""
    for name, value in QUIET.items():
        env.setdefault(name, value)
    return env

"""verify/api_calls.py: the public APIs a block called, recorded while it runs, by their
canonical names; and site_tools/api_index.py: their reference links."""

from __future__ import annotations

import re

import pytest

from site_tools import api_index
from verify import api_calls


def recorded(code: str) -> set[str]:
    compiled = compile(code, "/tmp/snippets/page/x.py", "exec")
    calls: set[str] = set()
    with api_calls.recording(compiled, calls):
        exec(compiled, {"__name__": "__main__"})
    return calls


def test_calls_through_a_variable_and_a_method_are_recorded_a_comment_or_string_is_not():
    calls = recorded(
        "import numpy as np\n\n"
        "# np.zeros in a comment\n"
        "make = np.ones\n"
        "x = make((2, 3))\n"
        "print(x.sum(), 'np.arange in a string')\n"
        "def helper():\n    return np.expand_dims(x, 0)\n\n"
        "helper()\n"
    )
    assert calls == {"np.ones", "np.ndarray.sum", "np.expand_dims"}


def test_nothing_public_records_nothing():
    assert recorded("total = sum([1, 2, 3])\nprint(total)\n") == set()


def test_keras_and_tensorflow_calls_get_their_canonical_public_names():
    pytest.importorskip("keras", reason="keras is in requirements.txt")
    calls = recorded(
        "import keras\nimport numpy as np\nimport tensorflow as tf\n\n"
        "layer = keras.layers.Dense(2)\n"
        "model = keras.Sequential([keras.Input((3,)), layer])\n"
        "model.compile(loss='mse')\n"
        "model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)\n"
        "layer(np.ones((1, 3)))\n"
        "tf.data.Dataset.from_tensor_slices(np.ones((2, 3)))\n"
    )
    assert {
        "keras.layers.Dense",
        "keras.Sequential",
        "keras.layers.Input",  # registered first as keras.layers.Input: the canonical one
        "keras.Model.compile",  # Sequential().compile: the most general public class
        "keras.Model.fit",
        "tf.data.Dataset.from_tensor_slices",
    } <= calls


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("keras.layers.LSTM", "https://keras.io/api/layers/recurrent_layers/lstm/"),
        ("keras.Model.fit", "https://keras.io/api/models/model_training_apis/"),
        ("keras.layers.Input", "https://keras.io/api/layers/core_layers/input/"),  # keras.Input
        (
            "tf.data.TFRecordDataset",
            "https://www.tensorflow.org/api_docs/python/tf/data/TFRecordDataset",
        ),
        (
            "np.expand_dims",
            "https://numpy.org/doc/stable/reference/generated/numpy.expand_dims.html",
        ),
        ("keras.src.private.thing", None),  # a name the mapping lacks gets no link
    ],
)
def test_each_name_links_to_its_reference_through_one_mapping(name, url):
    assert api_index.reference_url(name) == url


def test_inline_code_the_page_s_code_called_is_linked_and_nothing_else():
    page = (
        "<p><code>keras.Input</code> and <code>keras.layers.GRU</code></p>"
        '<pre><code>keras.Input</code></pre><a href="x"><code>keras.Input</code></a>'
    )
    linked = api_index.link_inline_code(page, {"keras.layers.Input"})
    assert linked.count("keras.io/api/layers/core_layers/input/") == 1
    assert "<code>keras.layers.GRU</code></p>" in linked  # not called by the page's code


def test_a_dotted_name_in_a_code_block_links_its_longest_called_part_and_keeps_its_text():
    n, dot = '<span class="n">{}</span>', '<span class="o">.</span>'
    chain = dot.join(n.format(p) for p in ["tf", "data", "Dataset", "from_tensor_slices"])
    tail = n.format("x") + dot + n.format("keras") + dot + n.format("layers")  # x.keras.layers
    unknown = n.format("keras") + dot + n.format("ops") + dot + n.format("add")
    page = f"<p>{chain}</p><pre><code>{chain}<span class='p'>(</span>{tail} {unknown}</code></pre>"
    linked = api_index.link_code_names(page, {"tf.data.Dataset", "keras.layers.Input"})
    url = "https://www.tensorflow.org/api_docs/python/tf/data/Dataset"
    # The called part (tf.data.Dataset) is the link; .from_tensor_slices follows it.
    assert linked.count(f'href="{url}"') == 1
    start = linked.index(f'href="{url}">') + len(f'href="{url}">')
    assert linked[start : linked.index("</a>", start)] == dot.join(
        n.format(p) for p in ["tf", "data", "Dataset"]
    )
    assert linked.startswith(f"<p>{chain}</p>")  # text outside code blocks is not touched
    assert re.sub(r"<a [^>]*>|</a>", "", linked) == page  # the text is unchanged
    assert "keras.io" not in linked  # a tail of x.keras..., and a name not called: no link

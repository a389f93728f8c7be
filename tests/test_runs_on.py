"""The "Runs on" line under each block (site_tools/runs_on.py) names the backends the block's
verified runs passed on; a block that sets KERAS_BACKEND itself is shown on that backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import copy_fixture
from site_tools import runs_on
from verify import block_cache
from verify.blocks import Block
from verify.plan import Run, plan
from verify.project import load_project
from verify.run import Result
from verify.variants import own_backend, runs_on_every_backend


def block(code: str) -> Block:
    return Block(
        page=Path("docs/p.md"),
        line=3,
        syntax="python",
        code=code,
        snippet=Path("snippets/p/x.py"),
        expected_output="out\n",
    )


@pytest.mark.parametrize(
    ("code", "backend"),
    [
        ('import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n', "jax"),
        ("import os\nos.environ.setdefault('KERAS_BACKEND', 'torch')\nimport keras\n", "torch"),
        ("import keras\n", None),
        ('import os\nimport keras\nos.environ["KERAS_BACKEND"] = "jax"\n', None),  # too late
    ],
)
def test_a_block_that_sets_its_backend_is_found_from_its_code(code, backend):
    assert own_backend(block(code)) == backend
    # Such a block runs on the backend it chose, not again on each of the others.
    assert runs_on_every_backend(block(code)) is (backend is None)


def test_the_line_names_the_backend_a_block_chose_and_what_each_run_showed():
    chosen = runs_on.BlockRuns(
        block('import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\nimport tensorflow\n'),
        runs={"jax": block_cache.SAME_OUTPUT},
    )
    assert "Runs on: JAX ✓ same output (the code sets KERAS_BACKEND itself)" in chosen.line()
    tf_only = runs_on.BlockRuns(
        block("import tensorflow as tf\n"), runs={"tensorflow": block_cache.SAME_OUTPUT}
    )
    assert "TensorFlow ✓ (TensorFlow only: the code imports TensorFlow)" in tf_only.line()
    both = runs_on.BlockRuns(
        block("import keras\n"),
        runs={"tensorflow": block_cache.SAME_OUTPUT, "jax": block_cache.OWN_OUTPUT},
    )
    assert "TensorFlow ✓ · JAX ✓ its own output (snippets/p/x.jax.out)" in both.line()


def test_each_line_goes_after_its_block_s_closing_fence_at_the_fence_s_indentation(tmp_path):
    project = load_project(copy_fixture(tmp_path) / "mkdocs.yml")
    page = [
        "````markdown",  # shows a block that includes the same file: not the block
        "```python",
        '--8<-- "page/hello.py"',
        "```",
        "````",
        "",
        '=== "In a tab"',
        "",
        "    ```python",
        '    --8<-- "page/hello.py"',
        "    `````",  # a closing line may have more ticks
        "",
        "Prose.",
    ]
    entry = runs_on.BlockRuns(
        Block(
            page=Path("docs/page.md"),
            line=9,
            syntax="python",
            code='print("hello")\n',
            snippet=Path("snippets/page/hello.py"),
        ),
        runs={"tensorflow": block_cache.SAME_OUTPUT},
    )
    done = runs_on.add_lines(project, "\n".join(page), [entry]).split("\n")
    assert done == [*page[:11], "", f"    {entry.line()}", "", *page[11:]]


def test_a_backend_s_run_is_named_when_it_passed_here_whatever_backends_the_build_runs(
    tmp_path, monkeypatch
):
    """The build names PyTorch when make test-backends (or the workflow's matrix job) kept
    a passing run for these very inputs, though make test itself runs only JAX."""
    monkeypatch.delenv("VERIFY_BACKENDS", raising=False)
    root = copy_fixture(tmp_path)
    project = load_project(root / "mkdocs.yml")
    page = root / "docs" / "page.md"
    assert runs_on.page_runs(project, page) == []  # nothing ran here yet
    [torch] = [t for t in plan(project, page, ("torch",)) if isinstance(t, Run) and t.variant.id]
    key = block_cache.key(root, torch.block, torch.variant, root / torch.block.snippet)
    ran = Result("hello 1\n", None, 0.1, [1, 3])
    block_cache.store(root, f"docs/page.md::{torch.name}", key, ran, block_cache.SAME_OUTPUT)
    [entry] = runs_on.page_runs(project, page)
    assert entry.runs == {"torch": block_cache.SAME_OUTPUT}
    assert "Runs on: PyTorch ✓ same output" in entry.line()
    (root / "snippets" / "page" / "hello.out").write_text("changed\n")  # other inputs now
    assert runs_on.page_runs(project, page) == []

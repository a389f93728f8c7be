"""The runs of a block on the other Keras backends (verify/variants.py), on copies of the
fixture project: which blocks get them (found from their code), what each outcome means
(same output, its own x.jax.out, a named defect), and the bad input around them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import copy_fixture, run_plugin
from verify.blocks import Marks
from verify.plan import Run, plan
from verify.project import load_project

pytestmark = pytest.mark.inner

BACKEND = 'import keras\n\nprint("backend:", keras.backend.backend())\n'
SAME = 'import keras\n\nprint("sum:", int(keras.ops.sum(keras.ops.ones((2, 3)))))\n'
USES_TF = 'import tensorflow as tf\n\nprint("sum:", int(tf.reduce_sum(tf.ones((2, 3)))))\n'


def add_block(project: Path, name: str, code: str, output: str, mark: str = "") -> None:
    (project / "snippets" / "page" / f"{name}.py").write_text(code)
    (project / "snippets" / "page" / f"{name}.out").write_text(output)
    with (project / "docs" / "page.md").open("a") as page:
        page.write(
            f'\n{mark}\n```python\n--8<-- "page/{name}.py"\n```\n\n'
            f'<!--pytest-codeblocks:expected-output-->\n\n```text\n--8<-- "page/{name}.out"\n```\n'
        )


@pytest.fixture
def project(tmp_path):
    return copy_fixture(tmp_path / "project")


def jax_run(project: Path, *args: str):
    return run_plugin(project, "-v", *args, env={"VERIFY_BACKENDS": "jax"})


def failures(output: str) -> dict[str, str]:
    """pytest's failure sections, by the snippet they name first."""
    sections = re.split(r"^_{3,} .* _{3,}$", output, flags=re.M)[1:]
    return {section.split()[0]: section for section in sections if section.strip()}


DEFECT = '<!--pytest.mark.fails_on("jax", reason="a Keras 3.15.1 defect: it says jax")-->'


@pytest.fixture(scope="module")
def jax_page(tmp_path_factory):
    """One run on JAX of a page with a block of each kind (each test reads its part)."""
    project = copy_fixture(tmp_path_factory.mktemp("jax") / "project")
    add_block(project, "same", SAME, "sum: 6\n")
    add_block(project, "uses_tf", USES_TF, "sum: 6\n")
    add_block(project, "which", BACKEND, "backend: tensorflow\n")
    add_block(project, "same_own", SAME, "sum: 6\n")
    (project / "snippets" / "page" / "same_own.jax.out").write_text("sum: 6\n")
    add_block(project, "defect", BACKEND, "backend: tensorflow\n", DEFECT)
    (project / "snippets" / "page" / "uses_tf.jax.out").write_text("sum: 6\n")
    done = jax_run(project)
    return done.stdout, failures(done.stdout)


def test_a_block_without_tensorflow_runs_on_jax_and_one_that_imports_it_does_not(jax_page):
    output, _ = jax_page
    assert "docs/page.md::snippets/page/same.py[jax] PASSED" in output
    assert "uses_tf.py[jax]" not in output  # TensorFlow-only, from its code
    assert "docs/page.md::snippets/page/uses_tf.py PASSED" in output


def test_other_output_fails_naming_the_backend(jax_page):
    _, failed = jax_page
    which = failed["snippets/page/which.py"]
    assert "printed something else on the JAX backend (KERAS_BACKEND=jax)" in which
    assert "+backend: jax" in which


def test_an_own_output_that_is_the_page_s_is_to_be_deleted(jax_page):
    _, failed = jax_page
    assert "the output docs/page.md" in failed["snippets/page/same_own.jax.out"]
    assert "delete it" in failed["snippets/page/same_own.jax.out"]


def test_an_own_output_of_a_tensorflow_only_block_is_an_orphan(jax_page):
    _, failed = jax_page
    assert "snippets/page/uses_tf.jax.out" in failed["orphan"]


def test_a_named_defect_passes_while_it_fails(jax_page):
    output, _ = jax_page
    assert "docs/page.md::snippets/page/defect.py[jax] PASSED" in output


def test_update_outputs_keeps_a_backend_s_other_output_as_its_own(project):
    add_block(project, "which", BACKEND, "backend: tensorflow\n")
    assert jax_run(project, "--update-outputs").returncode == 0
    own = project / "snippets" / "page" / "which.jax.out"
    assert own.read_text() == "backend: jax\n"
    assert (project / "snippets/page/which.out").read_text() == "backend: tensorflow\n"
    again = jax_run(project)
    assert again.returncode == 0, again.stdout[-3000:]  # and which.jax.out is no orphan
    assert "which.py[jax] PASSED" in again.stdout


def test_a_named_defect_that_is_gone_fails(project):
    fixed = 'import keras\n\nprint("backend:", "tensorflow" if keras else "")\n'
    add_block(project, "which", fixed, "backend: tensorflow\n", DEFECT)
    gone = jax_run(project)
    assert gone.returncode == 1
    assert 'is marked fails_on("jax")' in gone.stdout
    assert "the defect is gone here. Remove the mark" in gone.stdout


def test_a_backend_that_is_not_installed_fails_with_what_to_install(project):
    add_block(project, "plain", 'print("sum:", 6)\n', "sum: 6\n")  # no TensorFlow import
    done = run_plugin(project, env={"VERIFY_BACKENDS": "torch"})
    assert done.returncode == 1
    assert "cannot run on the PyTorch backend (KERAS_BACKEND=torch): torch is not installed" in (
        done.stdout
    )
    assert "make test-backends installs it" in done.stdout


def test_an_unknown_backend_is_named(project):
    done = run_plugin(project, env={"VERIFY_BACKENDS": "mxnet"})
    assert done.returncode == 1
    assert "unknown Keras backend(s) ['mxnet']" in done.stdout


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ('pytest.mark.fails_on("jax")', "name the backends and the defect"),
        ('pytest.mark.fails_on("jax", reason="broken")', "the version it was seen in"),
        ('pytest.mark.fails_on(reason="Keras 3.15 defect")', "name the backends"),
    ],
)
def test_a_fails_on_mark_names_backends_a_defect_and_its_version(mark, message):
    with pytest.raises(ValueError, match=message):
        Marks.parse([mark])


def test_the_plan_of_a_page_gives_a_jax_run_to_blocks_that_can(tmp_path, monkeypatch):
    root = copy_fixture(tmp_path)
    add_block(root, "same", SAME, "sum: 6\n")
    add_block(root, "uses_tf", USES_TF, "sum: 6\n")
    monkeypatch.setenv("VERIFY_BACKENDS", "jax")
    project = load_project(root / "mkdocs.yml")
    names = [t.name for t in plan(project, project.docs_dir / "page.md") if isinstance(t, Run)]
    assert names == [
        "snippets/page/hello.py",
        "snippets/page/hello.py[jax]",
        "snippets/page/same.py",
        "snippets/page/same.py[jax]",
        "snippets/page/uses_tf.py",
    ]

"""verify/pages.py and verify/plan.py: a page, expanded as published, and its tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import copy_fixture
from verify.blocks import KERAS_3_TAB, LEGACY_TAB
from verify.plan import Problem, Run, Skipped, plan
from verify.project import load_project


@pytest.fixture
def project(tmp_path):
    root = copy_fixture(tmp_path)
    return load_project(root / "mkdocs.yml")


def write_page(project, text: str) -> Path:
    page = project.docs_dir / "page.md"
    page.write_text(text)
    return page


def test_a_block_is_one_run_with_its_output_from_the_included_file(project):
    (test,) = plan(project, project.docs_dir / "page.md")
    assert isinstance(test, Run)
    assert test.name == "snippets/page/hello.py"
    assert test.block.output_file == Path("snippets/page/hello.out")
    assert (
        test.block.code.rstrip() == (project.root / "snippets/page/hello.py").read_text().rstrip()
    )
    assert test.block.where == "docs/page.md:3"


def test_a_block_included_twice_gets_a_numbered_id(project):
    fence = '```python\n--8<-- "page/hello.py"\n```\n'
    tests = plan(project, write_page(project, f"{fence}\n{fence}"))
    assert [t.name for t in tests] == ["snippets/page/hello.py", "snippets/page/hello.py[2]"]


def test_a_skipped_block_is_reported_with_its_reason(project):
    page = write_page(
        project,
        '<!--pytest.mark.skip(reason="needs a GPU, which CI lacks")-->\n'
        '```python\n--8<-- "page/hello.py"\n```\n\n```python\n--8<-- "page/hello.py"\n```\n',
    )
    skipped, ran = plan(project, page)
    assert skipped == Skipped("line 2", 2, "docs/page.md:2: needs a GPU, which CI lacks")
    assert isinstance(ran, Run)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("```python\nprint(1)\n```\n", "code on the site comes from snippets/"),
        ('```py\n--8<-- "page/hello.py"\n```\n', "would be skipped silently"),
        ('~~~python\n--8<-- "page/hello.py"\n~~~\n', "a ~~~ fence is never run"),
        ('```python\n--8<-- "page/nowhere.py"\n```\n', "Fix the include or the file"),
        ("<!--pytest.mark.xfail-->\n```python\nx\n```\n", "not a mark this site allows"),
        ("<!--pytest-codeblocks:skip-->\n```python\nx\n```\n", "it is not allowed on this site"),
    ],
)
def test_a_page_mistake_is_a_problem_that_names_the_page(project, text, words):
    problems = [t for t in plan(project, write_page(project, text)) if isinstance(t, Problem)]
    assert problems
    assert any(words in p.message for p in problems), problems
    assert all("docs/page.md" in p.message for p in problems if "include" not in p.name)


def test_every_block_skipped_is_a_problem(project):
    page = write_page(
        project,
        '<!--pytest.mark.skip(reason="needs a GPU, which CI lacks")-->\n'
        '```python\n--8<-- "page/hello.py"\n```\n',
    )
    assert any(
        isinstance(t, Problem) and t.name == "every block skipped" for t in plan(project, page)
    )


def test_a_skipped_block_with_an_output_is_a_problem(project):
    page = write_page(
        project,
        '<!--pytest.mark.skip(reason="needs a GPU, which CI lacks")-->\n'
        '```python\n--8<-- "page/hello.py"\n```\n\n'
        "<!--pytest-codeblocks:expected-output-->\n\n```text\ntyped, never printed\n```\n\n"
        '```python\n--8<-- "page/hello.py"\n```\n',
    )
    problem, _ = plan(project, page)
    assert isinstance(problem, Problem)
    assert "a skipped block shows no output" in problem.message
    assert problem.message.startswith("docs/page.md:2:")


PAIR = (
    "<!--pytest.mark.then_vs_now-->\n\n"
    '```python\n--8<-- "page/hello.py"\n```\n\n<!--pytest-codeblocks:expected-output-->\n\n'
    '=== "{first}"\n\n    ```text\n    --8<-- "page/hello.out"\n    ```\n\n'
    '=== "{second}"\n\n    ```text\n    --8<-- "page/hello.tf_keras.out"\n    ```\n'
)


def test_then_vs_now_outputs_sit_in_the_tabs_of_the_runs_that_printed_them(project):
    (project.root / "snippets/page/hello.tf_keras.out").write_text("legacy\n")
    good = PAIR.format(first=KERAS_3_TAB, second=LEGACY_TAB)
    assert [t.name for t in plan(project, write_page(project, good))] == [
        "snippets/page/hello.py",
        "snippets/page/hello.py[tf_keras]",
    ]
    swapped = PAIR.format(first=LEGACY_TAB, second=KERAS_3_TAB)
    tests = plan(project, write_page(project, swapped))
    problem = next(t for t in tests if isinstance(t, Problem))
    assert "snippets/page/hello.out is what Keras 3 printed" in problem.message
    assert f'show it in a tab === "{KERAS_3_TAB}"' in problem.message
    assert not any(t.name.endswith("[tf_keras]") for t in tests)

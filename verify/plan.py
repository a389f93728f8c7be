"""What verifying one page means: the list of its tests, each a `Problem` (a mistake found
while reading the page, which fails with its message), a `Skipped` block (reported with
its reason) or a `Run` of a block (one per `Variant`: verify/variants.py).

`plan(project, page)` is the one place that decides it; the pytest plugin turns each item
into a test with the id given here (`line 12`, `snippets/x/y.py`, `snippets/x/y.py[tf_keras]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verify.blocks import KERAS_3_TAB, LEGACY_TAB, SKIP_HINT, Block
from verify.compare import then_vs_now_problem
from verify.pages import PageError, directive_problems, page_blocks, tab_of, tilde_fences
from verify.project import Project, ProjectError, backends
from verify.variants import KERAS_3, UnknownBackend, Variant, check_backends, variants_of


@dataclass(frozen=True)
class Problem:
    name: str
    line: int
    message: str


@dataclass(frozen=True)
class Skipped:
    name: str
    line: int
    message: str


@dataclass(frozen=True)
class Run:
    name: str
    block: Block
    variant: Variant


Test = Problem | Skipped | Run


def plan(project: Project, path: Path, other_backends: tuple[str, ...] | None = None) -> list[Test]:
    """The tests of the page at `path`, in the page's order: with the runs on the
    backends the project names ([tool.verify] backends, $VERIFY_BACKENDS), or on
    `other_backends` when given."""
    page = project.rel(path)
    text = path.read_text(encoding="utf-8")
    tests: list[Test] = [
        Problem(f"line {line}", line, message) for line, message in directive_problems(page, text)
    ]
    try:
        blocks = page_blocks(project, path)
    except (PageError, ProjectError) as error:
        return [*tests, Problem("includes", 1, f"{error}\nFix the include or the file.")]
    tests += [
        Problem(
            f"line {line}",
            line,
            f"{page}:{line}: a ~~~ fence is never run by pytest-codeblocks. "
            "Use a ``` fence holding one --8<-- include.",
        )
        for line in tilde_fences(path)
    ]
    if blocks and all(block.skip_reason is not None for block in blocks):
        tests.append(
            Problem(
                "every block skipped",
                blocks[0].line,
                f"{page}: every block of this page is skipped, so nothing on it is "
                "verified. Make at least one block run (a snippet under snippets/ that prints "
                "what the page shows), or move the page's shell sessions into a page that has.",
            )
        )
    names = backends(project.root) if other_backends is None else other_backends
    try:
        check_backends(names)
    except UnknownBackend as error:
        return [*tests, Problem("backends", 1, str(error))]
    seen: dict[str, int] = {}
    for block in blocks:
        tests += block_tests(page, block, seen, names, project, text)
    return tests


def tab_problem(project: Project, text: str, block: Block) -> str | None:
    """A then_vs_now block's two outputs must sit in the tabs named after the runs that
    printed them."""
    for output, label, run in (
        (block.output_file, KERAS_3_TAB, "Keras 3"),
        (block.legacy_output_file, LEGACY_TAB, "legacy tf.keras"),
    ):
        found = tab_of(project, text, output)
        if found != label:
            return (
                f"{block.where}: {output} is what {run} printed: show it in a tab "
                f'=== "{label}" (found {found!r}), so the page says which version printed what.'
            )
    return None


def block_tests(
    page: Path,
    block: Block,
    seen: dict[str, int],
    names: tuple[str, ...] = (),
    project: Project | None = None,
    text: str | None = None,
) -> list[Test]:
    """The tests of one block: its runs, or why it cannot run."""
    where, name = block.where, f"line {block.line}"
    if block.problem:
        return [Problem(name, block.line, block.problem)]
    if block.skip_reason is not None and block.expected_output is not None:
        return [
            Problem(
                name,
                block.line,
                f"{where}: a skipped block shows no output: nothing ran to print it. Remove "
                "the expected-output fence after it (the page says the block is not run).",
            )
        ]
    if block.skip_reason is not None:
        return [Skipped(name, block.line, f"{where}: {block.skip_reason}")]
    if block.syntax != "python":
        return [
            Problem(
                name,
                block.line,
                f"{where}: a ```{block.syntax} fence would be skipped silently "
                "by pytest-codeblocks. Write a plain ```python fence (no title=, "
                "hl_lines=; not py or pycon) around a --8<-- include, or mark the block "
                f"as not run with {SKIP_HINT}",
            )
        ]
    if block.snippet is None:
        return [
            Problem(
                name,
                block.line,
                f"{where}: code on the site comes from snippets/. Move this code "
                f'into snippets/{page.stem}/NAME.py and write --8<-- "{page.stem}/NAME.py" '
                "as the fence's only line.",
            )
        ]
    test_name = str(block.snippet)
    seen[test_name] = seen.get(test_name, 0) + 1
    if seen[test_name] > 1:
        test_name += f"[{seen[test_name]}]"
    missing = then_vs_now_problem(block) if block.then_vs_now else None
    if block.then_vs_now and not missing and text is not None:
        missing = tab_problem(project, text, block)
    tests: list[Test] = []
    for variant in variants_of(block, names):
        if variant is not KERAS_3 and missing:
            tests.append(Problem(name, block.line, missing))
            break
        tests.append(Run(variant.test_name(test_name), block, variant))
    return tests

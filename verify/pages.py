"""Read a page as mkdocs publishes it, and list its code blocks.

The page is expanded with the `pymdownx.snippets` settings of mkdocs.yml (the Project),
so the text given to pytest-codeblocks' parser is the text that is published. Each
fence becomes a `Block` (verify/blocks.py) with its marks parsed once, here. The same
fences, line by line (where a block's fence opens and closes, its tab), are read by
verify/fences.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import markdown
from pytest_codeblocks.main import CodeBlock, extract_from_buffer

from verify.blocks import (
    CODEBLOCKS_DIRECTIVE,
    MARK_DIRECTIVE,
    Block,
    MarkError,
    Marks,
    allowed_list,
    legacy_output_name,
)
from verify.fences import Fence, fences_of, tilde_lines
from verify.project import INCLUDE, Project


class PageError(Exception):
    """A page that cannot be verified as written; the message says why."""


def expand(project: Project, text: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": project.snippet_config},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


def include_of(code: str) -> str | None:
    """The name a fence's code includes (`shapes/x.py`), if it is one include line."""
    lines = [line for line in code.splitlines() if line.strip()]
    match = INCLUDE.match(lines[0]) if len(lines) == 1 else None
    return match.group(1) if match else None


def included_file(project: Project, code: str) -> Path | None:
    """The file a fence includes, if the fence holds exactly one include line."""
    name = include_of(code)
    if name is None:
        return None
    path = project.resolve_include(name)
    if path is None:
        raise PageError(f'includes "{name}", which is not a file under {project.snippet_dirs[0]}')
    return project.rel(path)


def parse(text: str) -> list[CodeBlock]:
    return extract_from_buffer(io.StringIO(text))


def directives(text: str) -> list[tuple[int, str]]:
    """(line, comment) for each comment pytest-codeblocks would act on, outside fences."""
    lines = text.splitlines()
    inside = {at for fence in fences_of(lines) for at in fence.span}
    return [
        (at + 1, line.strip())
        for at, line in enumerate(lines)
        if at not in inside
        and (CODEBLOCKS_DIRECTIVE.match(line.strip()) or MARK_DIRECTIVE.match(line.strip()))
    ]


def directive_problems(page: Path, text: str) -> list[tuple[int, str]]:
    """(line, message) for each pytest-codeblocks keyword other than expected-output."""
    problems = []
    for number, comment in directives(text):
        keyword = CODEBLOCKS_DIRECTIVE.match(comment)
        if keyword and keyword.group(1).strip("- ") != "expected-output":
            problems.append(
                (
                    number,
                    f"{page}:{number}: {comment} would change what is verified "
                    f"(pytest-codeblocks' {keyword.group(1).strip('- ')!r}); it is not "
                    f"allowed on this site.\n{allowed_list()}",
                )
            )
    return problems


def page_blocks(project: Project, page: Path) -> list[Block]:
    """Every fenced block of a page, expanded, with the file it came from and its marks."""
    rel = project.rel(page)
    text = page.read_text(encoding="utf-8")
    try:
        expanded = parse(expand(project, text))
        raw = parse(text)
    except Exception as error:  # missing include, unclosed fence, bad marker
        raise PageError(f"{rel}: {error}") from error
    if len(raw) != len(expanded):
        raise PageError(
            f"{rel}: an include outside a code fence brings in code fences; "
            "include code only inside a fence"
        )
    blocks: list[Block] = []
    for source, published in zip(raw, expanded, strict=True):
        try:
            snippet = included_file(project, source.code)
            output_file = (
                included_file(project, source.expected_output)
                if source.expected_output is not None
                else None
            )
        except PageError as error:
            raise PageError(f"{rel}:{source.lineno}: {error}") from error
        block = Block(
            page=rel,
            line=source.lineno,
            syntax=published.syntax or "",
            code=published.code,
            snippet=snippet,
            expected_output=published.expected_output,
            output_file=output_file,
        )
        try:
            block.marks = Marks.parse(list(source.marks))
        except MarkError as error:
            block.problem = f"{block.where}: {error}\n{allowed_list()}"
        previous = blocks[-1] if blocks else None
        if previous is not None and is_legacy_output(previous, block):
            previous.legacy_output, previous.legacy_output_file = block.code, snippet
            continue
        blocks.append(block)
    return blocks


def is_legacy_output(previous: Block, block: Block) -> bool:
    """A text fence right after a then_vs_now block, including its x.tf_keras.out."""
    return (
        previous.then_vs_now
        and previous.snippet is not None
        and previous.legacy_output is None
        and block.snippet is not None
        and block.snippet.name == legacy_output_name(previous.snippet)
        and not block.syntax.startswith("python")
        and block.marks == Marks()
    )


def fence_including(
    project: Project, lines: list[str], fences: list[Fence], included: Path, start: int = 0
) -> Fence | None:
    """The first of the page's `fences`, opening at or after line `start` (an index), that
    includes the file `included` (a resolved path): it holds that one include line."""
    for fence in fences:
        if fence.open < start:
            continue
        name = include_of("\n".join(lines[at] for at in fence.body))
        if name is not None and project.resolve_include(name) == included:
            return fence
    return None


def tab_of(project: Project, text: str, included: Path) -> str | None:
    """The label of the content tab (=== "label") holding the fence that includes the
    file `included` (project-relative), or None when it is in no tab."""
    lines = text.splitlines()
    fence = fence_including(project, lines, fences_of(lines), (project.root / included).resolve())
    return fence.tab if fence is not None else None


def tilde_fences(page: Path) -> list[int]:
    """Lines of `~~~` fences, which pytest-codeblocks' parser never sees."""
    return [at + 1 for at in tilde_lines(page.read_text(encoding="utf-8").splitlines())]

"""Read a page as mkdocs publishes it, and list its code blocks.

The page is expanded with the `pymdownx.snippets` settings of mkdocs.yml (the Project),
so the text given to pytest-codeblocks' parser is the text that is published. Each
fence becomes a `Block` (verify/blocks.py) with its marks parsed once, here.
"""

from __future__ import annotations

import io
import re
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
from verify.project import INCLUDE, Project


class PageError(Exception):
    """A page that cannot be verified as written; the message says why."""


def expand(project: Project, text: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": project.snippet_config},
    )
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


def included_file(project: Project, code: str) -> Path | None:
    """The file a fence includes, if the fence holds exactly one include line."""
    lines = [line for line in code.splitlines() if line.strip()]
    match = INCLUDE.match(lines[0]) if len(lines) == 1 else None
    if not match:
        return None
    path = project.resolve_include(match.group(1))
    if path is None:
        raise PageError(
            f'includes "{match.group(1)}", which is not a file under {project.snippet_dirs[0]}'
        )
    return project.rel(path)


def parse(text: str) -> list[CodeBlock]:
    return extract_from_buffer(io.StringIO(text))


def directives(text: str) -> list[tuple[int, str]]:
    """(line, comment) for each comment pytest-codeblocks would act on, outside fences."""
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if fence is not None:  # inside a fence, as pytest-codeblocks reads it
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith("```"):
            fence = "`" * (len(stripped) - len(stripped.lstrip("`")))
        elif CODEBLOCKS_DIRECTIVE.match(stripped) or MARK_DIRECTIVE.match(stripped):
            found.append((number, stripped))
    return found


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


TAB = re.compile(r'^(\s*)===\+?\s+"(.*)"\s*$')


def tab_of(project: Project, text: str, included: Path) -> str | None:
    """The label of the content tab (=== "label") holding the fence that includes the
    file `included` (project-relative), or None when it is in no tab."""
    lines = text.splitlines()
    target = (project.root / included).resolve()
    for number, line in enumerate(lines):
        match = INCLUDE.match(line)
        if match and project.resolve_include(match.group(1)) == target:
            indent = len(line) - len(line.lstrip())
            for above in reversed(lines[:number]):
                tab = TAB.match(above)
                if tab and len(tab.group(1)) < indent:
                    return tab.group(2)
                if above.strip() and len(above) - len(above.lstrip()) < indent - 4:
                    return None
            return None
    return None


def tilde_fences(page: Path) -> list[int]:
    """Lines of `~~~` fences, which pytest-codeblocks' parser never sees."""
    lines = page.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.lstrip().startswith("~~~")]

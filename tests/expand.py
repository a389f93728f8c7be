"""Expand a page exactly as mkdocs does, and list its code blocks.

The `pymdownx.snippets` settings are read from `mkdocs.yml` through mkdocs'
own config loader, so the text given to pytest-codeblocks' parser is the text
that is published.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
from mkdocs.config import load_config
from pytest_codeblocks.main import CodeBlock, extract_from_buffer

# A fence that pulls one whole file: --8<-- "topic/recipe.py"
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")


class PageError(Exception):
    """A page that cannot be verified as written; the message says why."""


@dataclass
class Block:
    page: Path  # the page, relative to the project
    line: int  # line of the opening fence in the page
    syntax: str
    code: str  # the expanded code, as published
    snippet: Path | None  # the included file, relative to the project
    expected_output: str | None = None
    output_file: Path | None = None  # where the expected output is included from
    marks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    snippet_config: dict
    snippet_dirs: tuple[Path, ...]


@cache
def load_project(config_file: Path) -> Project:
    return project_of(load_config(str(config_file)))


def project_of(config) -> Project:
    """The project of a loaded mkdocs config. A hook passes the build's own config:
    loading mkdocs.yml again during a build would reset the plugins' settings."""
    config_file = Path(config["config_file_path"])
    snippet_config = dict(config["mdx_configs"].get("pymdownx.snippets", {}))
    if "pymdownx.snippets" not in config["markdown_extensions"]:
        raise PageError(f"{config_file}: pymdownx.snippets is not in markdown_extensions")
    root = config_file.parent.resolve()
    # pymdownx resolves base_path against the working directory (the project root
    # when mkdocs runs); make it absolute so tests may run from anywhere.
    bases = snippet_config.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    snippet_dirs = tuple((root / b).resolve() for b in bases)
    snippet_config["base_path"] = [str(d) for d in snippet_dirs]
    return Project(root, Path(config["docs_dir"]).resolve(), snippet_config, snippet_dirs)


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
    name = match.group(1)
    for base in project.snippet_dirs:
        if (base / name).is_file():
            return (base / name).relative_to(project.root)
    raise PageError(f'includes "{name}", which is not a file under {project.snippet_dirs[0]}')


def parse(text: str) -> list[CodeBlock]:
    return extract_from_buffer(io.StringIO(text))


def page_blocks(project: Project, page: Path) -> list[Block]:
    """Every fenced block of a page, expanded, with the file it came from."""
    rel = page.resolve().relative_to(project.root)
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
    blocks = []
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
        blocks.append(
            Block(
                page=rel,
                line=source.lineno,
                syntax=published.syntax or "",
                code=published.code,
                snippet=snippet,
                expected_output=published.expected_output,
                output_file=output_file,
                marks=list(published.marks),
            )
        )
    return blocks


def tilde_fences(page: Path) -> list[int]:
    """Lines of `~~~` fences, which pytest-codeblocks' parser never sees."""
    lines = page.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.lstrip().startswith("~~~")]


def included_files(project: Project, page: Path) -> set[Path]:
    """Every file a page includes, inside a fence or not."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        match = INCLUDE.match(line)
        if match:
            for base in project.snippet_dirs:
                if (base / match.group(1)).is_file():
                    found.add((base / match.group(1)).resolve())
    return found

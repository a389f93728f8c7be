"""The project: mkdocs.yml, read in one place, and what it says about pages and snippets.

`load_project("mkdocs.yml")` reads the file with mkdocs' own loader (so tags such as
`!!python/name:` and `!ENV` mean what they mean to mkdocs); a hook passes the build's
own config to `project_of(config)` instead, since loading mkdocs.yml again during a build
would reset the plugins' settings. Everything else asks the `Project`:

- where the pages are (`docs_dir`), and the ones listed in `nav`, in order;
- each page's URL on the built site (`page_url`);
- the `pymdownx.snippets` settings, and which file an include names (`resolve_include`,
  `includes`): the one resolver, used by the tests, the hooks and the scaffolding.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

# A line that pulls one whole file: --8<-- "topic/recipe.py"
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')


class ProjectError(Exception):
    """mkdocs.yml does not describe a project the engine can verify."""


def read_yaml(text: str) -> dict:
    """A YAML text (mkdocs.yml or a candidate edit of it), read as mkdocs reads it."""
    return yaml_load(text) or {}


SNIPPET_TIMEOUT = 60  # seconds, when pyproject.toml does not set snippet_timeout
BACKENDS_VARIABLE = "VERIFY_BACKENDS"  # replaces [tool.verify] backends: "torch", "jax,torch"


def verify_settings(root: Path) -> dict:
    """pyproject.toml's [tool.verify] table: the engine's own settings."""
    pyproject = root / "pyproject.toml"
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.is_file() else {}
    return settings.get("tool", {}).get("verify", {})


def snippet_timeout(root: Path, backend: str | None = None) -> float:
    """The seconds one code block may run: `snippet_timeout` in pyproject.toml's
    [tool.verify] table, the one setting the tests and the site build both read; on a
    backend named in its `backend_timeouts`, that backend's own limit."""
    settings = verify_settings(root)
    limit = settings.get("backend_timeouts", {}).get(backend) if backend else None
    return float(limit or settings.get("snippet_timeout", SNIPPET_TIMEOUT))


def backends(root: Path) -> tuple[str, ...]:
    """The Keras backends besides TensorFlow that each block able to run on them runs on:
    [tool.verify] backends, or $VERIFY_BACKENDS (comma-separated; empty: none)."""
    names = os.environ.get(BACKENDS_VARIABLE)
    if names is not None:
        return tuple(name.strip() for name in names.split(",") if name.strip())
    return tuple(verify_settings(root).get("backends", ()))


def load_settings(config_file: Path | str = "mkdocs.yml") -> dict:
    """mkdocs.yml as written (before mkdocs fills in defaults), for checks of the file itself."""
    return read_yaml(Path(config_file).read_text(encoding="utf-8"))


def nav_pages(nav) -> list[str]:
    """The pages (docs-relative source paths) a `nav:` lists, in order; no external links."""
    pages: list[str] = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            pages += nav_pages(value)
        elif "://" not in str(value):
            pages.append(str(value))
    return pages


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of mkdocs.yml
    config_file: Path
    docs_dir: Path
    snippet_config: dict  # the pymdownx.snippets settings, base_path made absolute
    snippet_dirs: tuple[Path, ...]
    nav: tuple[str, ...]  # the pages listed in nav, docs-relative, in order
    use_directory_urls: bool
    edit_uri: str | None

    def rel(self, path: Path) -> Path:
        """`path` relative to the project's root."""
        return Path(path).resolve().relative_to(self.root)

    def resolve_include(self, name: str) -> Path | None:
        """The file an include line names, as pymdownx.snippets finds it (first base wins)."""
        for base in self.snippet_dirs:
            if (base / name).is_file():
                return (base / name).resolve()
        return None

    def includes(self, text: str) -> list[Path]:
        """Every file that a page's text includes, inside a fence or not, in order."""
        found = []
        for line in text.splitlines():
            match = INCLUDE.match(line)
            path = self.resolve_include(match.group(1)) if match else None
            if path is not None and path not in found:
                found.append(path)
        return found

    def pages(self) -> list[Path]:
        """Every Markdown page under docs/, in order (the notebooks are not pages of code)."""
        return sorted(self.docs_dir.rglob("*.md"))

    def notebooks(self) -> list[Path]:
        """Every notebook page under docs/, in order."""
        return sorted(self.docs_dir.rglob("*.ipynb"))

    def sources(self) -> list[str]:
        """Every page of the site (Markdown and notebooks), docs-relative: those in nav in
        nav's order, then any other in path order. The one list of the site's pages."""
        files = [path.relative_to(self.docs_dir).as_posix() for path in self.all_pages()]
        return list(self.nav) + [source for source in files if source not in self.nav]

    def all_pages(self) -> list[Path]:
        return sorted([*self.pages(), *self.notebooks()])

    def page_url(self, source: str) -> str:
        """The URL path of the page built from docs/<source>, relative to the site's root:
        `shapes/` for shapes.md, `` for index.md (as mkdocs names them)."""
        path = PurePosixPath(source)
        stem = path.with_suffix("")
        if not self.use_directory_urls:
            return str(stem) + ".html"
        if stem.name == "index":
            return "" if stem.parent == PurePosixPath(".") else f"{stem.parent}/"
        return f"{stem}/"


def project_of(config) -> Project:
    """The project of a loaded mkdocs config (a hook's `config`, or load_config's)."""
    config_file = Path(config["config_file_path"]).resolve()
    if "pymdownx.snippets" not in config["markdown_extensions"]:
        raise ProjectError(f"{config_file}: pymdownx.snippets is not in markdown_extensions")
    root = config_file.parent
    snippet_config = dict(config["mdx_configs"].get("pymdownx.snippets", {}))
    # pymdownx resolves base_path against the working directory (the project root when
    # mkdocs runs); made absolute here, so tests may run from anywhere.
    bases = snippet_config.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    snippet_dirs = tuple((root / base).resolve() for base in bases)
    snippet_config["base_path"] = [str(d) for d in snippet_dirs]
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=Path(config["docs_dir"]).resolve(),
        snippet_config=snippet_config,
        snippet_dirs=snippet_dirs,
        nav=tuple(nav_pages(config["nav"])),
        use_directory_urls=bool(config["use_directory_urls"]),
        edit_uri=config.get("edit_uri"),
    )


def read_config(config_file: Path | str = "mkdocs.yml"):
    """mkdocs.yml, loaded and validated by mkdocs, without its plugins and hooks: nothing
    read from it here depends on them (tests/test_project.py compares with a build's own
    config), and importing them (mkdocs-jupyter's nbconvert and the rest) cost every process
    that reads the project 1.4 s of its 1.7 s."""
    return load_config(str(Path(config_file).resolve()), plugins=[], hooks=[])


@cache
def load_project(config_file: Path | str = "mkdocs.yml") -> Project:
    """The project of `config_file`, read once per process."""
    return project_of(read_config(config_file))

"""The layout a newcomer relies on: two packages, the engine (verify/) and the site's own
checks and tools (site_tools/); the engine imports nothing from the tools, neither
package has an import circle, and only the engine's code is in a cached run's key."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

from harness import ROOT, copy_fixture, run_plugin
from verify import cache

PACKAGES = ("verify", "site_tools")


def imports_of(path: Path, package: str) -> set[str]:
    """The project modules a module imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:  # a relative import
                base = f"{package}.{node.module}" if node.module else package
            names = [f"{base}.{alias.name}" for alias in node.names]
            found |= {base, *names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """{module: the project modules it imports}, over both packages."""
    modules = {
        f"{package}.{path.stem}": path
        for package in PACKAGES
        for path in sorted((root / package).glob("*.py"))
        if path.stem != "__init__"
    }
    return {
        name: {other for other in imports_of(path, name.split(".")[0]) if other in modules} - {name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, each as the path that closes it."""
    found, done = [], set()

    def visit(node, path):
        if node in path:
            found.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        for other in sorted(graph[node]):
            visit(other, [*path, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


def test_neither_package_has_an_import_circle():
    assert cycles(import_graph()) == []


def test_a_circle_is_found():
    graph = {"verify.a": {"verify.b"}, "verify.b": {"verify.c"}, "verify.c": {"verify.a"}}
    assert cycles(graph) == [["verify.a", "verify.b", "verify.c", "verify.a"]]


def test_the_engine_imports_nothing_from_the_site_s_tools():
    graph = import_graph()
    wrong = {
        module: sorted(other for other in imported if other.startswith("site_tools."))
        for module, imported in graph.items()
        if module.startswith("verify.")
    }
    assert {module: names for module, names in wrong.items() if names} == {}
    # and the test sees the imports it is about
    assert "verify.run" in graph["verify.variants"]
    assert "verify.own_process" in graph["site_tools.pictures"]


def copy_packages(folder: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, folder / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return folder


def test_the_engine_digest_covers_the_engine_only(tmp_path):
    engine = copy_packages(tmp_path) / "verify"
    before = cache.engine_digest(engine)
    for tool in (tmp_path / "site_tools").glob("*.py"):
        tool.write_text(tool.read_text() + "\n# edited\n")
    assert cache.engine_digest.__wrapped__(engine) == before
    (engine / "run.py").write_text((engine / "run.py").read_text() + "\n# edited\n")
    assert cache.engine_digest.__wrapped__(engine) != before


def test_the_ci_cache_key_hashes_the_engine_and_not_the_site_s_tools():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    keys = [
        step["with"]["key"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("with", {}).get("path") == ".cache"
    ]
    assert keys, "no step of site.yml caches .cache/"
    for key in keys:
        globs = re.findall(r"'([^']+)'", key)
        assert "verify/**" in globs
        assert not [glob for glob in globs if glob.startswith(("site_tools", "tests", "hooks"))]


def cached_tests(project: Path, engine: Path) -> dict[str, bool]:
    """Run the plugin on `project` with the packages copied into `engine`: {test: reused}."""
    junit = project / "run.xml"
    env = {"PYTHONPATH": str(engine), "VERIFY_CACHE_DIR": str(project / ".cache")}
    done = run_plugin(project, f"--junitxml={junit}", "docs", "mkdocs.yml", env=env)
    assert done.returncode == 0, done.stdout[-3000:]
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    return {
        case.get("name"): any(p.get("name") == "cached" for p in case.iter("property"))
        for case in cases
        if case.get("name", "").endswith(".py")
    }


@pytest.mark.inner
def test_editing_a_site_tool_keeps_every_cached_block_and_editing_the_engine_does_not(tmp_path):
    engine = copy_packages(tmp_path / "engine")
    project = tmp_path / "project"
    copy_fixture(project)
    assert cached_tests(project, engine) == {"snippets/page/hello.py": False}
    assert cached_tests(project, engine) == {"snippets/page/hello.py": True}
    bench = engine / "site_tools" / "bench.py"
    bench.write_text(bench.read_text() + "\n# edited\n")
    assert cached_tests(project, engine) == {"snippets/page/hello.py": True}
    run = engine / "verify" / "run.py"
    run.write_text(run.read_text() + "\n# edited\n")
    assert cached_tests(project, engine) == {"snippets/page/hello.py": False}


def test_no_cache_entry_is_committed():
    """A passing run in .cache/ is trusted as a verification: one written by hand and
    committed (its key is computable from the tree) would pass a block that never ran."""
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".cache"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked == [], f"remove these from the repository (git rm --cached): {tracked}"


@pytest.mark.inner
def test_a_cached_run_is_reused_only_while_what_it_read_is_unchanged(tmp_path):
    """A block that reads a file of the project, or imports a module of it, runs again
    once that file changes, though its own inputs (the key) did not."""
    project = copy_fixture(tmp_path / "project")
    (project / "helpers").mkdir()
    (project / "helpers" / "numbers.txt").write_text("1 2 3\n")
    (project / "helpers" / "tally.py").write_text(
        "def total(text):\n    return sum(map(int, text.split()))\n"
    )
    code = (
        "import sys\nfrom pathlib import Path\n\n"
        "here = Path(__file__).resolve().parents[2] / 'helpers'\n"
        "sys.path.insert(0, str(here))\n"
        "import tally  # noqa: E402\n\n"
        "print('total', tally.total((here / 'numbers.txt').read_text()))\n"
        "sys.path.remove(str(here))\n"
        "sys.modules.pop('tally')\n"
    )
    (project / "snippets" / "page" / "hello.py").write_text(code)
    (project / "snippets" / "page" / "hello.out").write_text("total 6\n")
    engine = copy_packages(tmp_path / "engine")
    assert cached_tests(project, engine) == {"snippets/page/hello.py": False}
    assert cached_tests(project, engine) == {"snippets/page/hello.py": True}
    (project / "helpers" / "tally.py").write_text(
        "def total(text):\n    return sum(map(int, text.split())) + 0\n"
    )
    assert cached_tests(project, engine) == {"snippets/page/hello.py": False}  # an import
    (project / "helpers" / "numbers.txt").write_text("1 2 3\n\n")
    assert cached_tests(project, engine) == {"snippets/page/hello.py": False}  # a data file

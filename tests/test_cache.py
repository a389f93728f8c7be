"""verify/cache.py and its users: a passing run is reused only while its inputs are the same.

The notebook and picture caches are exercised for real: a notebook runs on ipykernel, a
picture block runs in a process of its own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from harness import FIXTURE, ROOT
from site_tools import pictures as site_pictures
from verify import block_cache, cache, notebooks, pictures
from verify.plan import Run, plan
from verify.project import load_project

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>{}</text></svg>'


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The fixture project, with a requirements.txt, and the cache in its own folder."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "requirements.txt").write_text("numpy==2.4.6\n")
    monkeypatch.delenv("VERIFY_CACHE_DIR", raising=False)
    return root


def test_a_key_changes_with_each_input(project, monkeypatch):
    base = cache.key(project, b"snippet", "names")
    assert cache.key(project, b"snippet", "names") == base
    assert cache.key(project, b"snippet!", "names") != base
    assert cache.key(project, b"snippet", "other") != base
    assert cache.key(project, b"snip", "petnames") != base  # parts are not just joined
    (project / "requirements.txt").write_text("numpy==2.4.5\n")
    assert cache.key(project, b"snippet", "names") != base
    (project / "requirements.txt").write_text("numpy==2.4.6\n")
    monkeypatch.setattr(cache.sys, "version", "3.13.0 (elsewhere)")
    assert cache.key(project, b"snippet", "names") != base
    monkeypatch.undo()
    monkeypatch.setattr(cache, "engine_digest", lambda: "another engine")
    assert cache.key(project, b"snippet", "names") != base


def test_the_engine_digest_covers_every_module_of_the_package():
    modules = sorted(p.name for p in cache.PACKAGE.glob("*.py"))
    assert {"run.py", "own_process.py", "coverage_check.py", "cache.py"} <= set(modules)
    assert len(cache.engine_digest()) == 64


def test_a_store_keeps_one_entry_per_name(project):
    store = cache.Store(project, "things")
    assert store.get("a/b", "k1") is None
    first = store.put("a/b", "k1", {"x.txt": b"one"})
    assert (first / "x.txt").read_bytes() == b"one"
    assert store.get("a/b", "k1") == first
    second = store.put("a/b", "k2", {"x.txt": b"two"})
    assert store.get("a/b", "k1") is None
    assert store.get("a/b", "k2") == second
    assert first.parent == project / ".cache" / "things" / "a" / "b"


def test_the_cache_folder_can_be_moved(project, tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE_DIR", str(tmp_path / "elsewhere"))
    entry = cache.Store(project, "things").put("n", "k", {"f": b""})
    assert entry == tmp_path / "elsewhere" / "things" / "n" / "k"


def write_notebook(path: Path, source: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def test_a_notebook_runs_once_then_its_saved_run_is_reused(project):
    notebook = project / "docs" / "notebooks" / "tiny.ipynb"
    write_notebook(notebook, "print(6 * 7)")
    executed, ran = notebooks.executed_copy(notebook)
    assert ran
    assert "42" in executed.read_text()
    assert notebooks.executed_copy(notebook) == (executed, False)  # reused, not run
    assert cache.cache_dir(project) in executed.parents

    write_notebook(notebook, "print(6 * 8)")  # a changed notebook runs again
    executed, ran = notebooks.executed_copy(notebook)
    assert ran
    assert "48" in executed.read_text()


def test_a_failing_notebook_is_not_saved(project):
    notebook = project / "docs" / "broken.ipynb"
    write_notebook(notebook, "raise ValueError('no')")
    with pytest.raises(notebooks.CellFailure, match="cell 1 of 1"):
        notebooks.executed_copy(notebook)
    folder = project / ".cache" / "notebooks" / "docs" / "broken"
    assert [path.name for path in folder.iterdir()] == [".lock"]  # no entry


def test_two_processes_that_want_one_notebook_run_it_once(project):
    """The tests' site build and a notebook's test at the same time: the second one waits
    for the first one's run and reuses it."""
    notebook = project / "docs" / "notebooks" / "slow.ipynb"
    write_notebook(notebook, "import time\ntime.sleep(2)\nprint(42)")
    code = (
        "import sys\nfrom pathlib import Path\nfrom verify.notebooks import executed_copy\n"
        "print(executed_copy(Path(sys.argv[1]))[1])"
    )
    both = [
        subprocess.Popen([sys.executable, "-c", code, notebook], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    ran = sorted(process.communicate(timeout=300)[0].strip() for process in both)
    assert ran == ["False", "True"]


def test_a_saved_run_is_used_without_waiting_for_a_run_in_progress(project):
    """Under --fresh the notebook's test runs it again, holding its lock; a build beside it
    takes the saved run, whose inputs are the same, at once."""
    notebook = project / "docs" / "notebooks" / "tiny.ipynb"
    write_notebook(notebook, "print(6 * 7)")
    executed = notebooks.save(notebook, nbformat.read(notebook, as_version=4))  # a saved run
    holder = subprocess.Popen(  # a test's run in progress: the lock held for 60 s
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from verify.notebooks import locked\nwith locked(Path(sys.argv[1])):\n"
         "    print('held', flush=True)\n    time.sleep(60)", notebook],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert notebooks.executed_copy(notebook) == (executed, False)
        assert time.monotonic() - started < 10, "the build waited for the lock"
    finally:
        holder.kill()
        holder.wait()


def test_under_fresh_only_a_run_made_in_this_session_counts(project, monkeypatch):
    notebook = project / "docs" / "notebooks" / "tiny.ipynb"
    write_notebook(notebook, "print(6 * 7)")
    monkeypatch.setenv(notebooks.RUN_ID_VARIABLE, "session-a")
    executed, _ = notebooks.executed_copy(notebook)
    assert notebooks.saved_run(notebook) == executed
    assert notebooks.saved_run(notebook, made_in_run="session-a") == executed
    assert notebooks.saved_run(notebook, made_in_run="session-b") is None


def picture_snippet(project: Path, text: str) -> Path:
    snippet = project / "snippets" / "page" / "plot.py"
    snippet.write_text(f"from pathlib import Path\n\nPath('plot.svg').write_text({text!r})\n")
    return snippet


def test_a_picture_drawn_by_the_tests_is_reused_by_the_build(project, tmp_path):
    snippet = picture_snippet(project, SVG.format("first"))
    names = ("plot.svg",)
    assert pictures.cached(project, snippet, names) is None
    drawn = tmp_path / "drawn"  # what a passing test run leaves
    drawn.mkdir()
    (drawn / "plot.svg").write_text(SVG.format("from the test run"))
    pictures.store(project, snippet, names, drawn)

    made, ran = site_pictures.for_site(project, snippet, Path("p.py"), names, "docs/page.md:3", 60)
    assert not ran
    assert b"from the test run" in made["plot.svg"]


def test_a_changed_snippet_draws_its_picture_again(project, tmp_path):
    snippet = picture_snippet(project, SVG.format("first"))
    names = ("plot.svg",)
    made, ran = site_pictures.for_site(project, snippet, Path("p.py"), names, "docs/page.md:3", 60)
    assert ran
    assert b"first" in made["plot.svg"]
    assert site_pictures.for_site(project, snippet, Path("p.py"), names, "x", 60)[1] is False

    snippet = picture_snippet(project, SVG.format("second"))
    made, ran = site_pictures.for_site(project, snippet, Path("p.py"), names, "docs/page.md:3", 60)
    assert ran
    assert b"second" in made["plot.svg"]


def test_a_failing_picture_block_is_not_cached(project):
    snippet = picture_snippet(project, "not a picture")
    with pytest.raises(site_pictures.PictureFailure, match=r"docs/page\.md:3: p\.py failed"):
        site_pictures.for_site(project, snippet, Path("p.py"), ("plot.svg",), "docs/page.md:3", 60)
    assert pictures.cached(project, snippet, ("plot.svg",)) is None


def _put_many(args):
    root, writer = args
    store = cache.Store(Path(root), "race")
    for attempt in range(30):
        store.put("same/entry", "k1", {"a.txt": f"{writer}-{attempt}".encode() * 1000})


def test_two_writers_of_the_same_entry_leave_it_whole(project):
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_put_many, [(str(project), "w1"), (str(project), "w2")])
    store = cache.Store(project, "race")
    found = store.get("same/entry", "k1")
    text = (found / "a.txt").read_text()
    assert text in {f"{w}-29" * 1000 for w in ("w1", "w2")}  # one writer's last entry, whole
    assert [p.name for p in found.parent.iterdir()] == ["k1"]  # nothing half-written left


def test_a_block_s_key_ignores_the_terminal_variables_that_xdist_workers_set(monkeypatch):
    """A block runs without COLUMNS and LINES (as in a pipe), so they are no input of its
    key: a build outside pytest-xdist's workers (which set them) finds the runs they kept.
    A variable that steers Keras still changes the key."""
    project = load_project(ROOT / "mkdocs.yml")
    test = next(t for t in plan(project, project.docs_dir / "shapes.md") if isinstance(t, Run))

    def key() -> str:
        return block_cache.key(
            project.root, test.block, test.variant, project.root / test.block.snippet
        )

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    plain = key()
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    assert key() == plain
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    assert key() != plain

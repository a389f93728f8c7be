"""verify/project.py: mkdocs.yml read in one place; includes resolved as pymdownx does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness import FIXTURE, ROOT
from verify.project import load_project, nav_pages, project_of, snippet_timeout


@pytest.fixture
def project(tmp_path):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "shared.py").write_text("print('shared')\n")
    (tmp_path / "more" / "hello.py").write_text("print('shadowed')\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text().replace("[snippets]", "[snippets, more]"))
    return load_project(config)


def test_an_include_resolves_in_the_first_base_path_that_has_it(project):
    assert project.resolve_include("page/hello.py") == project.root / "snippets/page/hello.py"
    assert project.resolve_include("shared.py") == project.root / "more/shared.py"
    assert project.resolve_include("hello.py") == project.root / "more/hello.py"
    assert project.resolve_include("page/missing.py") is None


def test_includes_lists_every_included_file_once_in_order(project):
    text = (
        '```python\n--8<-- "page/hello.py"\n```\n'
        '--8<-- "shared.py"\n'
        '    --8<-- "page/hello.out"\n'
        '--8<-- "page/hello.py"\n'
        '--8<-- "page/missing.py"\n'
        'text that mentions --8<-- "shared.py" inline\n'
    )
    assert project.includes(text) == [
        project.root / "snippets/page/hello.py",
        project.root / "more/shared.py",
        project.root / "snippets/page/hello.out",
    ]


def test_base_paths_are_absolute_so_tests_may_run_anywhere(project, monkeypatch, tmp_path):
    monkeypatch.chdir("/")
    assert all(Path(p).is_absolute() for p in project.snippet_config["base_path"])
    assert project.snippet_dirs == (project.root / "snippets", project.root / "more")


def test_the_site_s_nav_and_built_urls():
    site = load_project(ROOT / "mkdocs.yml")
    assert site.nav[0] == "index.md"
    assert "shapes.md" in site.nav
    assert site.page_url("index.md") == ""
    assert site.page_url("shapes.md") == "shapes/"
    assert site.page_url("notebooks/rnn-sequences.ipynb") == "notebooks/rnn-sequences/"
    assert site.page_url("guide/index.md") == "guide/"


def test_nav_pages_flattens_sections_and_leaves_out_links():
    nav = [
        {"Home": "index.md"},
        {"Basics": [{"Shapes": "shapes.md"}, "plain.md", {"Keras": "https://keras.io/"}]},
    ]
    assert nav_pages(nav) == ["index.md", "shapes.md", "plain.md"]


def test_a_build_s_own_config_gives_the_same_project():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert project_of(config) == load_project(ROOT / "mkdocs.yml")


def test_the_block_time_limit_is_one_setting_in_pyproject(tmp_path):
    assert snippet_timeout(ROOT) == 60.0
    (tmp_path / "pyproject.toml").write_text("[tool.verify]\nsnippet_timeout = 7\n")
    assert snippet_timeout(tmp_path) == 7.0
    assert snippet_timeout(tmp_path / "nowhere") == 60.0  # the default


def test_a_backend_may_have_its_own_time_limit(tmp_path):
    assert snippet_timeout(ROOT, "torch") == 240.0  # PyTorch's recurrent layers are slow
    assert snippet_timeout(ROOT, "jax") == 60.0
    (tmp_path / "pyproject.toml").write_text(
        "[tool.verify]\nsnippet_timeout = 7\nbackend_timeouts = { jax = 9 }\n"
    )
    assert snippet_timeout(tmp_path, "jax") == 9.0
    assert snippet_timeout(tmp_path, "tensorflow") == 7.0

"""A page that says something changed shows it, or cites where it is written.

- Every "Changed in Keras 3" box is backed by a then-vs-now block on its page: a snippet
  run under Keras 3 and under legacy tf.keras (verify/pytest_plugin.py runs both, checks
  both outputs, and fails when they are the same). A box names the pair by sitting right
  above it, or by linking to the section that holds it.
- A "Changed in TensorFlow ..." box, where an older TensorFlow cannot be run here, cites
  its source: a link to the release notes or to a source line.
"""

from __future__ import annotations

import re

import pytest

from harness import ROOT
from verify.pages import page_blocks
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
BOX = re.compile(r'^!!! \w+ "(Changed in [^"]+)"\n((?:    .*\n|\n)*)', re.MULTILINE)


def boxes(kind: str) -> list[tuple[str, str, str]]:
    """(page, title, body) of every admonition whose title starts with `kind`."""
    found = []
    for page in PROJECT.pages():
        text = page.read_text(encoding="utf-8")
        for match in BOX.finditer(text):
            if match.group(1).startswith(kind):
                found.append((page.relative_to(PROJECT.docs_dir).as_posix(), *match.groups()))
    return found


def test_there_are_keras_3_boxes():
    assert len(boxes("Changed in Keras 3")) >= 5


@pytest.mark.parametrize(("page", "title", "body"), boxes("Changed in Keras 3"), ids=lambda x: x)
def test_a_keras_3_box_is_shown_both_ways(page, title, body):
    pairs = [b for b in page_blocks(PROJECT, PROJECT.docs_dir / page) if b.then_vs_now]
    assert pairs, (
        f'docs/{page}: the box "{title}" claims a change, but no block of the page runs '
        "under Keras 3 and legacy tf.keras: add a <!--pytest.mark.then_vs_now--> pair "
        "(CONTRIBUTING.md), or make the box a note that claims no change"
    )
    assert all(b.legacy_output for b in pairs)


@pytest.mark.parametrize(("page", "title", "body"), boxes("Changed in TensorFlow"), ids=lambda x: x)
def test_a_tensorflow_box_cites_its_source(page, title, body):
    links = re.findall(r"\]\((https://[^)]+)\)", body)
    assert any("github.com/tensorflow" in url or "tensorflow.org" in url for url in links), (
        f'docs/{page}: the box "{title}" cannot be run against an older TensorFlow here: '
        "cite the release note or the source line it rests on"
    )

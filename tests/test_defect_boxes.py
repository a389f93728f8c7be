"""A "Changed in ..." box that calls a behaviour a defect (or a bug) says which version it was
seen in.

A defect is a fact about a release, not about Keras or TensorFlow for ever: the next release
may fix it. So the paragraph of the box that calls something a defect, or the box's title,
names a version with its product ("Keras 3.15", "TensorFlow 2.21.0", "tf_keras 2.21"), and a
reader can tell whether it still applies to theirs. A major version alone ("Keras 3") does not
count. The boxes are found as tests/test_claims.py finds them.
"""

from __future__ import annotations

import re

import pytest

from harness import ROOT
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
BOX = re.compile(r'^!!! \w+ "(Changed in [^"]+)"\n((?:    .*\n|\n)*)', re.MULTILINE)
# "defect" or "bug", but not "not a defect" / "not a bug" (and not "debugging").
DEFECT = re.compile(r"(?<!not a )\b(?:defect|bug)s?\b", re.IGNORECASE)
PRODUCTS = r"Keras|TensorFlow|TF|tf_keras|tf-keras|tfmot|tensorflow-model-optimization|LiteRT"
VERSION = re.compile(rf"\b(?:{PRODUCTS})\s+v?\d+\.\d+(?:\.\d+)?\b")


def defect_boxes() -> list[tuple[str, str, str]]:
    """(page, title, body) of every "Changed in ..." box that calls something a defect."""
    found = []
    for page in PROJECT.pages():
        for match in BOX.finditer(page.read_text(encoding="utf-8")):
            title, body = match.groups()
            if DEFECT.search(title) or DEFECT.search(body):
                found.append((page.relative_to(PROJECT.docs_dir).as_posix(), title, body))
    return found


def unversioned(title: str, body: str) -> list[str]:
    """The paragraphs of a box that call something a defect with no version near it: none
    when the title names the version."""
    if DEFECT.search(title) and VERSION.search(title):
        return []
    paragraphs = re.split(r"\n\s*\n", body)
    return [
        " ".join(paragraph.split())
        for paragraph in paragraphs
        if DEFECT.search(paragraph) and not VERSION.search(paragraph)
    ]


@pytest.mark.parametrize(
    ("title", "body", "missing"),
    [
        ("Changed in Keras 3", "    This is a defect of Keras 3.15, not a design.\n", False),
        ("Changed in Keras 3, a Keras 3.15.1 defect", "    Lists, not tensors.\n", False),
        ("Changed in Keras 3", "    A bug seen with TensorFlow 2.21.\n", False),
        ("Changed in Keras 3", "    This is a defect, not a design.\n", True),
        ("Changed in Keras 3", "    A bug in Keras 3: fixed one day.\n", True),
        ("Changed in Keras 3", "    Keras 3.15.1 here.\n\n    But this is a defect.\n", True),
        ("Changed in Keras 3", "    This is not a defect: it is the design.\n", False),
        ("Changed in Keras 3", "    See the debugging page.\n", False),
    ],
)
def test_the_check_itself(title, body, missing):
    assert bool(unversioned(title, body)) is missing


def test_there_is_a_defect_box():
    """The check runs on something: docs/rnns.md has such a box."""
    assert any(page == "rnns.md" for page, _, _ in defect_boxes())


@pytest.mark.parametrize(
    ("page", "title", "body"),
    [pytest.param(*box, id=f"{box[0]}: {box[1]}") for box in defect_boxes()],
)
def test_a_defect_names_its_version(page, title, body):
    missing = unversioned(title, body)
    assert not missing, (
        f'docs/{page}: the box "{title}" calls a behaviour a defect without the version it '
        f"was seen in (say 'a Keras 3.15 defect' or 'seen in TensorFlow 2.21'): {missing[0]!r}"
    )

"""Pages speak to the reader: no page, snippet comment or notebook cites "the notes", their
author or "a colleague" as a source the reader should know.

The site grew from one person's working notes, and the About page says so, once. Everywhere
else the facts are stated directly to the reader ("You may have read that ...; the table
shows ...", "Older code passes `input_shape=` ..."), never as what "the notes" say: a
visitor has never seen them. Two checks: the built pages (what a reader sees, About
excepted), and a fast one over the sources (no build) that catches the same words sooner.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from harness import ROOT

# "the notes", "notes'" (the notes' author, the notes' sketch) and "colleague(s)".
WORDS = re.compile(r"\bthe\s+notes\b|\bnotes['\u2019]|\bcolleague", re.IGNORECASE)
ABOUT_PAGE = "about/index.html"
ABOUT_SOURCE = "docs/about.md"
HINT = (
    "State the fact directly to the reader (e.g. 'You may have read that ...; the table "
    "shows ...', 'Older code passes ...'), not as what the notes, their author or a "
    "colleague said: the site's origin is told only on the About page."
)
ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL | re.IGNORECASE)
NOT_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL | re.IGNORECASE)
BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|div|pre|table|tr|td|th|summary|details|blockquote|br)\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")
# Where a sentence ends: its punctuation, or a blank line (a heading, a list item).
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n")


def sentences_with_the_words(text: str, code: bool = False) -> list[tuple[int, str]]:
    """(line, sentence) for each sentence of `text` that holds one of the words; in code
    (`code=True`), the lines of the match instead of the sentence."""
    found = []
    for match in WORDS.finditer(text):
        if code:
            start = text.rfind("\n", 0, match.start()) + 1
            stop = text.find("\n", match.end())
            stop = len(text) if stop == -1 else stop
        else:
            ends = list(SENTENCE_END.finditer(text, 0, match.start()))
            start = ends[-1].end() if ends else 0
            end = SENTENCE_END.search(text, match.end())
            stop = end.end() if end else len(text)
        line = text.count("\n", 0, match.start()) + 1
        sentence = " ".join(text[start:stop].split())
        if sentence not in (s for _, s in found):
            found.append((line, sentence))
    return found


def page_text(page: str) -> str:
    """What a reader reads of a built page: its article (the whole page when it has none),
    without tags (a block element ends a paragraph), entities decoded."""
    articles = ARTICLE.findall(page)
    body = NOT_TEXT.sub(" ", "\n\n".join(articles) if articles else page)
    return html.unescape(TAG.sub("", BLOCK_TAG.sub("\n\n", body)))


def notebook_text(path: Path) -> str:
    """Every cell's source and text output of a notebook (decoded from its JSON), one
    paragraph each."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        parts.append("".join(cell.get("source", "")))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n\n".join(parts)


def sources() -> list[Path]:
    """The sources a reader sees, About excepted: the pages, snippets and notebooks."""
    found = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "about.md"]
    found += sorted((ROOT / "snippets").rglob("*.py"))
    found += sorted((ROOT / "notebooks").glob("*.ipynb"))
    found += sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
    return found


def source_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        return notebook_text(path)
    return path.read_text(encoding="utf-8")


def report(findings: list[str]) -> str:
    return "\n".join([*findings, HINT])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The notes write `noise_shape=(batch_size, 1, n)`. A fixed number breaks.", 1),
        ("Correcting the notes: it adds outputs", 1),
        ("A colleague of the notes' author answered roughly like this: TF is NumPy.", 1),
        ("The colleague's answer continued.", 1),
        ("tensorboard.dev, the NOTES\u2019 upload service, is gone.", 1),
        ("Colleagues say so.", 1),
        ("It says what the\nnotes say.", 1),
        ("See the release notes of TensorFlow 2.16.", 0),
        ("Notes on shapes: the batch comes first.", 0),
        ("Keras 3 notes this in a warning.", 0),
    ],
)
def test_the_check_itself(text, found):
    assert len(sentences_with_the_words(text)) == found


def test_the_sentence_is_reported():
    text = "# Shapes\n\nShapes first. The notes write\n(batch, 1, n).\nA fixed number breaks."
    assert sentences_with_the_words(text) == [(3, "The notes write (batch, 1, n).")]
    code = 'x = 1\n# the sketch of the notes\nprint("done.")\n'
    assert sentences_with_the_words(code, code=True) == [(2, "# the sketch of the notes")]


def test_the_page_text_is_the_article():
    page = (
        "<nav>the notes</nav><article class='md-content__inner'><h1>Shapes</h1>"
        "<p>The notes&#x27; <code>Input</code> sketch</p><script>colleague</script></article>"
    )
    found = sentences_with_the_words(page_text(page))
    assert [sentence for _, sentence in found] == ["The notes' Input sketch"]


def test_sources_speak_to_the_reader():
    """Fast: the pages (About excepted), snippets and notebooks, before any build."""
    scanned = sources()
    names = {path.relative_to(ROOT).as_posix() for path in scanned}
    assert {"docs/rnns.md", "snippets/rnns/output_shapes.py", "notebooks/rnns.ipynb"} <= names
    assert ABOUT_SOURCE not in names
    findings = []
    for path in scanned:
        name = path.relative_to(ROOT).as_posix()
        found = sentences_with_the_words(source_text(path), code=path.suffix == ".py")
        for line, sentence in found:
            # A notebook's line would be one of its cells' text, not of its file: no line.
            where = name if path.suffix == ".ipynb" else f"{name}:{line}"
            findings.append(f"{where}: {sentence!r}")
    assert not findings, "sources that speak of the notes or a colleague:\n" + report(findings)


def test_built_pages_speak_to_the_reader(site_dir):
    """The built site, as a reader sees it: every page but About."""
    pages = sorted(site_dir.rglob("*.html"))
    names = {page.relative_to(site_dir).as_posix() for page in pages}
    assert {"rnns/index.html", ABOUT_PAGE} <= names, f"no built pages in {site_dir}"
    findings = []
    for path in pages:
        name = path.relative_to(site_dir).as_posix()
        if name == ABOUT_PAGE:
            continue
        found = sentences_with_the_words(page_text(path.read_text(encoding="utf-8")))
        findings += [f"{name}: {sentence!r}" for _, sentence in found]
    assert not findings, "built pages that speak of the notes or a colleague:\n" + report(findings)

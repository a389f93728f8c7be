"""Pictures drawn by a page's code: made by the build, shown by the page, never committed.

A block marked <!--pytest.mark.produces("model.svg")--> must write that picture
(verify/pytest_plugin.py checks it when the block runs); hooks/pictures.py runs the
block again during `mkdocs build` and publishes the picture beside the page.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from test_plugin import add_snippet, project, verify  # noqa: F401  (project: a fixture)

from harness import ROOT

SVG = "{http://www.w3.org/2000/svg}"
# The layers of the model in snippets/visualizing/plot_model.py
LAYERS = ["features", "wide", "narrow", "merge", "score"]
PRODUCES = '<!--pytest.mark.produces("{}")-->\n```python\n--8<-- "page/{{}}"\n```\n'
WRITE_SVG = (
    "from pathlib import Path\n\n"
    "Path('plot.svg').write_text('<svg xmlns=\"http://www.w3.org/2000/svg\"><text>hi</text></svg>')\n"
)


def images(html: str) -> list[str]:
    return re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', html)


def test_the_visualizing_page_shows_the_diagram_and_the_history_plot(built_site):
    html = (built_site / "visualizing" / "index.html").read_text(encoding="utf-8")
    assert "model.svg" in images(html)
    assert "history.png" in images(html)
    assert '<a href="model.png">' in html


def test_the_diagram_is_an_svg_that_names_every_layer(built_site):
    root = ElementTree.parse(built_site / "visualizing" / "model.svg").getroot()
    assert root.tag == f"{SVG}svg"
    words = {text.text.strip() for text in root.iter(f"{SVG}text") if text.text}
    assert set(LAYERS) <= words, f"layer names missing from the diagram: {set(LAYERS) - words}"
    # Drawn at scale 1 in its frame: with another dpi, Graphviz 2.43 scales the drawing
    # but not the frame, and browsers show a magnified corner of it.
    graph = root.find(f"{SVG}g")
    assert graph.get("transform", "").startswith("scale(1 1)"), graph.get("transform")


def test_the_png_diagram_and_the_history_plot_are_real_pngs(built_site):
    for name, smallest in [("model.png", 20_000), ("history.png", 10_000)]:
        data = (built_site / "visualizing" / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{name} is not a PNG"
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert width >= 400, f"{name} is only {width}x{height}"
        assert height >= 300, f"{name} is only {width}x{height}"
        assert len(data) > smallest, f"{name} is only {len(data)} bytes: is it empty?"


def test_no_picture_is_committed_or_kept_in_the_sources():
    tracked = subprocess.run(
        ["git", "ls-files", "docs", "snippets"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    for folder in ("docs", "snippets"):
        found = [p for p in (ROOT / folder).rglob("*") if p.suffix in (".png", ".svg")]
        assert not found, f"pictures under {folder}/ (the build makes them): {found}"
    assert not [p for p in tracked if p.endswith((".png", ".svg"))]


# The mechanism itself, on the small project of tests/fixtures (as in test_plugin.py)


def test_a_block_must_write_the_picture_it_declares(project, pytester):  # noqa: F811
    add_snippet(project, "plot.py", "print('drew nothing')\n", PRODUCES.format("plot.svg"))
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "snippets/page/plot.py failed, included by docs/page.md:14" in output
    assert "marked produces('plot.svg') but wrote no plot.svg" in output


def test_a_picture_must_be_valid(project, pytester):  # noqa: F811
    code = "from pathlib import Path\n\nPath('plot.png').write_text('not a picture')\n"
    add_snippet(project, "plot.py", code, PRODUCES.format("plot.png"))
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "plot.png, written by the block, is not a PNG file" in output

    add_snippet(project, "folder.py", "", PRODUCES.format("out/plot.png"))
    result, output = verify(pytester)
    assert "produces('out/plot.png'): name a .png or .svg file" in output


def build(folder: Path) -> subprocess.CompletedProcess:
    """mkdocs build --strict of the fixture project, with the pictures hook."""
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text() + f"hooks:\n  - {ROOT / 'hooks' / 'pictures.py'}\n")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder / "site")]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True)


def test_the_build_publishes_the_picture_beside_the_page(project, pytester):  # noqa: F811
    add_snippet(project, "plot.py", WRITE_SVG, PRODUCES.format("plot.svg"))
    with (project / "docs" / "page.md").open("a") as page:
        page.write("\n![A plot](page/plot.svg)\n")
    verify(pytester)[0].assert_outcomes(passed=4)  # the test accepts the block

    finished = build(project)
    assert finished.returncode == 0, finished.stderr
    assert "plot.svg" in images((project / "site" / "page" / "index.html").read_text())
    assert "<text>hi</text>" in (project / "site" / "page" / "plot.svg").read_text()
    assert not list((project / "docs").rglob("plot.svg"))
    assert not list((project / "snippets").rglob("plot.svg"))


def test_a_failing_picture_block_fails_the_build_naming_page_and_snippet(project):  # noqa: F811
    code = "raise ImportError('You must install graphviz')\n"
    add_snippet(project, "plot.py", code, PRODUCES.format("plot.svg"))
    finished = build(project)
    assert finished.returncode != 0
    assert "docs/page.md:14: snippets/page/plot.py failed while making plot.svg" in finished.stderr
    assert "ImportError: You must install graphviz" in finished.stderr

"""verify/compare.py: what a run printed against what the page shows."""

from __future__ import annotations

from pathlib import Path

from verify import compare
from verify.blocks import Block, Marks
from verify.run import Result
from verify.variants import KERAS_3, LEGACY


def block(**fields) -> Block:
    values = {"page": Path("docs/p.md"), "line": 3, "syntax": "python", "code": ""}
    values |= {"snippet": Path("snippets/p/x.py"), **fields}
    return Block(**values)


SHOWN = block(expected_output="loss\n0.12\n", output_file=Path("snippets/p/x.out"))


def test_the_same_lines_match_whatever_the_trailing_spaces_and_blank_lines():
    assert compare.output_mismatch(SHOWN, KERAS_3, "loss   \n0.12\n\n\n") is None


def test_a_changed_output_is_a_diff_naming_page_snippet_file_and_the_fix():
    found = compare.output_mismatch(SHOWN, KERAS_3, "loss\n0.13\n")
    assert found.kind == compare.OUTPUT_CHANGED
    assert found.message.startswith("snippets/p/x.py printed something else than docs/p.md:3")
    assert "--- expected (snippets/p/x.out)" in found.message
    assert "-0.12\n+0.13" in found.message
    assert found.message.endswith("If the new output is right, run: make update-outputs")


def test_an_output_typed_into_the_page_asks_for_a_file():
    typed = block(expected_output="1\n")
    found = compare.output_mismatch(typed, KERAS_3, "2\n")
    assert "the fence after docs/p.md:3" in found.message
    assert "Move the expected output into a file under snippets/" in found.message


def test_no_expected_output_is_no_mismatch():
    assert compare.output_mismatch(block(), KERAS_3, "anything") is None


PAIR = block(
    marks=Marks(then_vs_now=True),
    expected_output="keras 3\n",
    output_file=Path("snippets/p/x.out"),
    legacy_output="keras 2\n",
    legacy_output_file=Path("snippets/p/x.tf_keras.out"),
)


def test_the_legacy_run_is_compared_with_its_own_file():
    assert compare.output_mismatch(PAIR, LEGACY, "keras 2\n") is None
    found = compare.output_mismatch(PAIR, LEGACY, "keras 1\n")
    assert found.kind == compare.OUTPUT_CHANGED
    assert "under legacy tf.keras" in found.message
    assert "x.tf_keras.out" in found.message


def test_a_legacy_run_that_prints_what_keras_3_printed_shows_no_change():
    found = compare.output_mismatch(PAIR, LEGACY, "keras 3\n")
    assert found.kind == compare.SAME_AS_KERAS_3
    assert "a box that claims a change must show one" in found.message


def test_a_then_vs_now_block_needs_two_different_outputs():
    assert compare.then_vs_now_problem(PAIR) is None
    lacking = block(marks=Marks(then_vs_now=True))
    assert "follow it with <!--pytest-codeblocks:expected-output-->" in (
        compare.then_vs_now_problem(lacking)
    )
    alike = block(
        marks=Marks(then_vs_now=True),
        expected_output="1\n",
        output_file=Path("snippets/p/x.out"),
        legacy_output="1\n",
        legacy_output_file=Path("snippets/p/x.tf_keras.out"),
    )
    assert "are the same" in compare.then_vs_now_problem(alike)


def test_a_wider_terminal_must_not_change_the_output():
    same = Result("a\n", None, 0.1, [])
    assert compare.width_mismatch(SHOWN, KERAS_3, "a\n", same) is None
    found = compare.width_mismatch(SHOWN, KERAS_3, "a\n", Result("a b\n", None, 0.1, []))
    assert found.kind == compare.TERMINAL_WIDTH
    assert "200-column terminal" in found.message
    assert "+a b" in found.message


def test_update_outputs_writes_the_lines_the_run_printed(tmp_path):
    (tmp_path / "snippets" / "p").mkdir(parents=True)
    compare.write_expected(tmp_path, Path("snippets/p/x.out"), "a  \nb\n\n")
    assert (tmp_path / "snippets/p/x.out").read_text() == "a\nb\n"

"""A code block of a page, and what the page says to the runner about it (its marks).

A page speaks to the runner only through HTML comments on their own line, before a
fence. The allow-list, and nothing else (anything else fails the run, naming the page
and line):

    <!--pytest.mark.subprocess-->               run the block in a Python process of its own
    <!--pytest.mark.produces("model.svg")-->    the block writes these pictures (.png/.svg),
                                                published beside the page
    <!--pytest.mark.then_vs_now-->              run it under Keras 3 and under legacy tf.keras
                                                (tf_keras); the two outputs must differ
    <!--pytest.mark.skip(reason="...")-->       not run: the reason says why it cannot run here
    <!--pytest.mark.fails_on("jax", reason="...")-->  on that backend the block fails because
                                                of a library defect, which the reason names
                                                (with its version); the run fails if it passes
    <!--pytest-codeblocks:expected-output-->    the next fence is what the block prints

Each comment is parsed once, here, into the typed properties of a `Block` (no `eval`):
every caller (the pytest plugin, the pictures hook, the bench) asks the block.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

PICTURE_SUFFIXES = (".png", ".svg")
LEGACY = "tf_keras"  # the name of the legacy-Keras run, in test ids and output files
# The tab each output of a then_vs_now block is shown in (=== "..." before its fence):
# which run printed it, so the page cannot credit one version with the other's output.
KERAS_3_TAB = "Output — Keras 3"
LEGACY_TAB = "Output — tf.keras 2"
SKIP_HINT = '<!--pytest.mark.skip(reason="why this block cannot run here")-->'
FAILS_ON_HINT = '<!--pytest.mark.fails_on("jax", reason="the defect, with its version")-->'
ALLOWED = (
    "<!--pytest.mark.subprocess-->",
    '<!--pytest.mark.produces("name.svg")-->',
    "<!--pytest.mark.then_vs_now-->",
    SKIP_HINT,
    FAILS_ON_HINT,
    "<!--pytest-codeblocks:expected-output-->",
)
# The comments pytest-codeblocks acts on (its own regular expressions, on a stripped line).
CODEBLOCKS_DIRECTIVE = re.compile(r"<!--[-\s]*pytest-codeblocks:(.*)-->")
MARK_DIRECTIVE = re.compile(r"<!--[-\s]*(pytest\.mark\..*)-->")
# The marks a block's test carries (pytest's --markers lists them).
MARKERS = (
    "subprocess: run this code block in a fresh Python process",
    "produces(*names): this code block writes these pictures (.png/.svg) into its working "
    "directory; the site publishes them beside the page (hooks/pictures.py)",
    "then_vs_now: run this code block under Keras 3 and under legacy tf.keras",
)
PLACEHOLDER_REASONS = {"", "todo", "tbd", "skip", "skipped", "why this block cannot run here"}


class MarkError(ValueError):
    """A mark the engine does not allow, or allows only in another form."""


def allowed_list() -> str:
    return "What a page may say to the runner:\n" + "\n".join(f"    {a}" for a in ALLOWED)


@dataclass(frozen=True)
class Marks:
    """What the marks before one fence say, parsed and checked."""

    own_process: bool = False
    pictures: tuple[str, ...] = ()
    then_vs_now: bool = False
    skip_reason: str | None = None
    fails_on: tuple[tuple[str, str], ...] = ()  # (backend, the defect that makes it fail)

    @classmethod
    def parse(cls, marks: list[str]) -> Marks:
        """Marks from the texts pytest-codeblocks collected (`pytest.mark.x(...)`)."""
        found: dict = {}
        for text in marks:
            name, args, kwargs = _call(text)
            if name in found:
                raise MarkError(f"pytest.mark.{name} is given twice")
            if name in ("subprocess", "then_vs_now"):
                if args or kwargs:
                    raise MarkError(f"pytest.mark.{name} takes no arguments: {text}")
                found[name] = True
            elif name == "produces":
                found[name] = _produces(text, args, kwargs)
            elif name == "skip":
                found[name] = _skip(args, kwargs)
            elif name == "fails_on":
                found[name] = _fails_on(text, args, kwargs)
            else:
                raise MarkError(f"pytest.mark.{name} is not a mark this site allows")
        return cls(
            own_process=found.get("subprocess", False),
            pictures=found.get("produces", ()),
            then_vs_now=found.get("then_vs_now", False),
            skip_reason=found.get("skip"),
            fails_on=found.get("fails_on", ()),
        )


def _produces(text: str, args: list, kwargs: dict) -> tuple[str, ...]:
    if kwargs or not args:
        raise MarkError(f'name the pictures: pytest.mark.produces("x.svg"): {text}')
    for picture in args:
        plain = isinstance(picture, str) and picture == Path(picture).name
        if not (plain and picture.endswith(PICTURE_SUFFIXES)):
            raise MarkError(
                f"produces({picture!r}): name a .png or .svg file that the block "
                "writes into its working directory (no folders)"
            )
    return tuple(args)


def _skip(args: list, kwargs: dict) -> str:
    reason = kwargs.get("reason", args[0] if len(args) == 1 else None)
    if set(kwargs) - {"reason"} or len(args) + len(kwargs) > 1:
        raise MarkError(f"a skip takes one reason and nothing else: {SKIP_HINT}")
    if not isinstance(reason, str) or _placeholder(reason):
        raise MarkError(
            f"a skipped block needs a reason that says why it cannot run here: {SKIP_HINT}"
        )
    return reason.strip()


def _fails_on(text: str, args: list, kwargs: dict) -> tuple[tuple[str, str], ...]:
    """fails_on("jax", "torch", reason="..."): each backend with the defect it fails on."""
    reason = kwargs.get("reason")
    backends = [name for name in args if isinstance(name, str)]
    if set(kwargs) != {"reason"} or not backends or len(backends) != len(args):
        raise MarkError(f"name the backends and the defect: {FAILS_ON_HINT}: {text}")
    if not isinstance(reason, str) or _placeholder(reason) or not re.search(r"\d+\.\d+", reason):
        raise MarkError(
            f"a fails_on mark names the defect and the version it was seen in: {FAILS_ON_HINT}"
        )
    return tuple((backend, reason.strip()) for backend in backends)


def _placeholder(reason: str) -> bool:
    words = reason.strip().strip(".").lower()
    return words in PLACEHOLDER_REASONS or len(words) < 8 or "todo" in words


def _call(text: str) -> tuple[str, list, dict]:
    """`pytest.mark.NAME(literal, key=literal)` -> (NAME, args, kwargs); literals only."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        raise MarkError(f"not a pytest mark: {text}") from None
    call = node if isinstance(node, ast.Call) else None
    target = call.func if call else node
    if not (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Attribute)
        and target.value.attr == "mark"
        and isinstance(target.value.value, ast.Name)
        and target.value.value.id == "pytest"
    ):
        raise MarkError(f"not a pytest mark: {text}")
    if call is None:
        return target.attr, [], {}
    try:
        args = [ast.literal_eval(arg) for arg in call.args]
        kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
    except ValueError:
        raise MarkError(f"pytest.mark.{target.attr}: give literal values only: {text}") from None
    if None in kwargs:
        raise MarkError(f"pytest.mark.{target.attr}: no **arguments: {text}")
    return target.attr, args, kwargs


@dataclass
class Block:
    """One fenced block of a page, expanded as it is published."""

    page: Path  # the page, relative to the project
    line: int  # line of the opening fence in the page
    syntax: str
    code: str  # the expanded code, as published
    snippet: Path | None  # the included file, relative to the project
    expected_output: str | None = None
    output_file: Path | None = None  # where the expected output is included from
    marks: Marks = field(default_factory=Marks)
    problem: str | None = None  # what is wrong with its marks (the block fails with it)
    legacy_output: str | None = None  # then_vs_now: what the tf_keras run must print
    legacy_output_file: Path | None = None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def own_process(self) -> bool:
        return self.marks.own_process

    @property
    def pictures(self) -> tuple[str, ...]:
        return self.marks.pictures

    @property
    def skip_reason(self) -> str | None:
        return self.marks.skip_reason

    @property
    def then_vs_now(self) -> bool:
        return self.marks.then_vs_now

    @property
    def runs(self) -> bool:
        """A block the runner runs: Python from a snippet, not skipped, marks in order."""
        return (
            self.problem is None
            and self.skip_reason is None
            and self.syntax == "python"
            and self.snippet is not None
        )


def legacy_output_name(snippet: Path) -> str:
    """x.py -> x.tf_keras.out: the expected output of the legacy-Keras run."""
    return snippet.with_suffix(f".{LEGACY}.out").name

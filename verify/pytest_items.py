"""The tests the page plugin (verify/pytest_plugin.py) collects: a page's problems, skipped
blocks and block runs, the notebook pages, and the project checks (orphans, coverage).
Each asks the engine (verify/README.md) and reports a failure as the engine's message.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from verify import block_cache, compare, notebooks, pictures, report
from verify import project as project_module
from verify.blocks import Block
from verify.plan import Run, Skipped, plan
from verify.project import Project, load_project
from verify.run import WIDE, Result
from verify.session import Session
from verify.variants import KERAS_3, RunFailure, Runner, Variant

COVERAGE_CHECK = "snippets are fully covered"


class State(Session):
    """The session's findings (verify/session.py), its project and its runner."""

    def __init__(self, config):
        super().__init__()
        self.config_file = (config.rootpath / config.getini("mkdocs_config")).resolve()
        self.runner = Runner()  # and the processes it keeps for the legacy runs

    @property
    def project(self) -> Project:
        return load_project(self.config_file)


STATE = pytest.StashKey[State]()
REPORT = pytest.StashKey[str]()


class BlockFailure(Exception):
    """A block failed; the message is the whole report."""


class ReportedItem(pytest.Item):
    """An item whose BlockFailure is reported as its message alone."""

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ProblemItem(ReportedItem):
    """A page mistake found while collecting: fails with its message."""

    def __init__(self, *, message: str, line: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.message = message
        self.line = line

    def runtest(self):
        raise BlockFailure(self.message)

    def reportinfo(self):
        return self.path, self.line - 1, self.name


class SkippedBlock(ProblemItem):
    """A block marked skip(reason=...): reported as skipped, with its page and line."""

    def runtest(self):
        self.config.stash[STATE].skipped.append(self.message)
        pytest.skip(self.message)


class PageFile(pytest.File):
    """A page: its tests as verify/plan.py lists them."""

    def collect(self):
        state = self.config.stash[STATE]
        state.collected_pages.add(self.path.resolve())
        for test in plan(state.project, self.path):
            if isinstance(test, Run):
                state.block_pages.add(self.path.resolve())
                yield BlockItem.from_test(self, test)
            else:
                kind = SkippedBlock if isinstance(test, Skipped) else ProblemItem
                yield kind.from_parent(self, name=test.name, line=test.line, message=test.message)


class BlockItem(ReportedItem):
    """One run (a `Variant`) of one block: run, compared, cached (verify/block_cache.py)."""

    def __init__(self, *, block: Block, variant: Variant, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.variant = variant

    @classmethod
    def from_test(cls, parent, test: Run) -> BlockItem:
        item = cls.from_parent(parent, name=test.name, block=test.block, variant=test.variant)
        if test.block.own_process:
            item.add_marker(pytest.mark.subprocess)
        if test.variant.pictures(test.block):
            item.add_marker(pytest.mark.produces(*test.block.pictures))
        if test.variant is not KERAS_3:
            item.add_marker(pytest.mark.then_vs_now)
        return item

    @property
    def snippet_path(self) -> Path:
        return self.config.stash[STATE].project.root / self.block.snippet

    def setup(self):
        state = self.config.stash[STATE]
        root = state.project.root
        self.key = block_cache.key(root, self.block, self.variant, self.snippet_path)
        self.cached = None
        if not (self.config.getoption("fresh") or self.config.getoption("update_outputs")):
            found = block_cache.cached_run
            self.cached = found(
                root, self.nodeid, self.key, self.block, self.variant, self.snippet_path
            )
        if self.cached is None:
            state.runner.prepare(self.block, self.variant)

    def runtest(self):
        state = self.config.stash[STATE]
        block, variant, root = self.block, self.variant, state.project.root
        partial = compare.partial_include(block, self.snippet_path.read_text("utf-8"))
        if partial:
            raise BlockFailure(partial)
        ran = state.ran_lines(self.snippet_path)
        if self.cached is not None:
            result, outcome = self.cached
            ran.update(result.lines)
            self.user_properties.append(("calls", " ".join(result.calls)))
            self.user_properties.append(("seconds", round(result.seconds, 3)))
            self.user_properties.append(("cached", True))
            self.user_properties.append(("runs", outcome))
            return
        if variant.known_defect(block):
            outcome, result = block_cache.KNOWN_DEFECT, self.run_known_defect()
        else:
            outcome, result = self.run_and_check()
        self.user_properties.append(("runs", outcome))
        # Every check passed: the run may be reused while its inputs stay the same.
        block_cache.store(root, self.nodeid, self.key, result, outcome)

    def run_and_check(self) -> tuple[str, Result]:
        """Run the block and check what it printed; how it passed, and the run."""
        block, variant, state = self.block, self.variant, self.config.stash[STATE]
        root, names = state.project.root, variant.pictures(block)
        with tempfile.TemporaryDirectory(prefix="pictures-") as keep:
            result = self.run(pictures=names, keep=Path(keep), ran_lines=set())
            state.ran_lines(self.snippet_path).update(result.lines)
            self.user_properties.append(("seconds", round(result.seconds, 3)))
            # The public APIs it called, for reports (next_release_report names them).
            self.user_properties.append(("calls", " ".join(result.calls)))
            if result.error:
                raise BlockFailure(
                    f"{block.snippet} failed{variant.under}, included by {self.where}\n\n"
                    f"{result.error}\n{variant.how_to_run(block)}"
                )
            mismatch = compare.output_mismatch(block, variant, result.stdout, root)
            self.check(mismatch, result.stdout)
            if result.asks_terminal_size:
                wide = self.run(columns=WIDE)
                self.check(compare.width_mismatch(block, variant, result.stdout, wide))
            if names:  # the build reuses these (verify/pictures.py)
                pictures.store(root, self.snippet_path, names, Path(keep))
        _, shown = variant.expected(block, root)
        own = variant.is_backend and shown is not None and shown != block.output_file
        return (block_cache.OWN_OUTPUT if own else block_cache.SAME_OUTPUT), result

    def run_known_defect(self) -> Result:
        """A block marked fails_on this backend: it must still fail (then the mark holds);
        a run that prints the page's output means the defect is gone."""
        block, variant, state = self.block, self.variant, self.config.stash[STATE]
        result = self.run(ran_lines=set())
        state.ran_lines(self.snippet_path).update(result.lines)
        root = state.project.root
        if result.error or compare.output_mismatch(block, variant, result.stdout, root):
            return result
        raise BlockFailure(
            f"{block.snippet}, included by {self.where}, is marked fails_on("
            f'"{variant.backend}") for "{variant.known_defect(block)}", but it ran and printed '
            f"the page's output{variant.under}: the defect is gone here. Remove the mark "
            "(and the page's words about the defect)."
        )

    def run(self, **options) -> Result:
        root = self.config.stash[STATE].project.root
        timeout = project_module.snippet_timeout(root, self.variant.backend)
        try:
            return self.config.stash[STATE].runner.run(
                self.block, self.variant, self.snippet_path, timeout, **options
            )
        except RunFailure as error:
            raise BlockFailure(str(error)) from None

    def check(self, mismatch: compare.Mismatch | None, actual: str | None = None) -> None:
        """Fail with the mismatch (its kind a test property, for reports), or, under
        --update-outputs, make the expected-output file what the run printed."""
        if mismatch is None:
            return
        root = self.config.stash[STATE].project.root
        _, output_file = self.variant.expected(self.block, root)
        # A backend's run that differs from the page keeps its own output (x.jax.out).
        output_file = self.variant.own_output_file(self.block) or output_file
        can_update = mismatch.kind == compare.OUTPUT_CHANGED and output_file is not None
        if can_update and self.config.getoption("update_outputs"):
            compare.write_expected(root, output_file, actual)
            return
        self.user_properties.append(("outcome", mismatch.kind))
        raise BlockFailure(mismatch.message)

    @property
    def where(self) -> str:
        return self.block.where

    def reportinfo(self):
        return self.path, self.block.line - 1, f"{self.where} {self.block.snippet}"


class NotebookFile(pytest.File):
    def collect(self):
        yield NotebookItem.from_parent(self, name="every cell runs")


class NotebookItem(ReportedItem):
    """Runs every cell; on success saves the run for the site build (and the next run:
    a saved passing run of the same notebook, under the same key, is reused)."""

    def runtest(self):
        # Under --fresh, only a run made in this session (by the site build that a test
        # started meanwhile: it holds the notebook's lock while it runs it).
        made_in = os.environ[notebooks.RUN_ID_VARIABLE] if self.config.getoption("fresh") else None
        start = time.perf_counter()
        try:
            _, ran = notebooks.executed_copy(self.path, made_in)
        except notebooks.CellFailure as error:
            raise BlockFailure(str(error)) from None
        if ran:
            self.user_properties.append(("seconds", round(time.perf_counter() - start, 3)))
        else:
            self.user_properties.append(("cached", True))

    def reportinfo(self):
        return self.path, None, f"{notebooks.display_name(self.path)}: every cell runs"


class ProjectChecks(pytest.File):
    """Checks of the whole project: collected with mkdocs.yml."""

    def collect(self):
        yield OrphanCheck.from_parent(self, name="every snippet is included")
        yield CoverageCheck.from_parent(self, name=COVERAGE_CHECK)


class ProjectCheck(ProblemItem):
    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)


class OrphanCheck(ProjectCheck):
    def runtest(self):
        failure = report.orphan_failure(report.orphans(self.config.stash[STATE].project))
        if failure:
            raise BlockFailure(failure)


class CoverageCheck(ProjectCheck):
    """Every statement of every snippets/**/*.py ran in this session (check_coverage)."""

    def runtest(self):
        check_coverage(self.config)


def check_coverage(config) -> None:
    """Every statement of every snippets/**/*.py ran in this session (all workers')."""
    state = config.stash[STATE]
    found = report.coverage(state.project, state.ran, state.collected_pages, state.block_pages)
    if found.not_collected:
        if config.getoption("full_run"):
            raise BlockFailure(report.NOT_COLLECTED_IN_FULL_RUN)
        pytest.skip(report.NOT_COLLECTED)
    if not found.silent_pages:
        config.stash[REPORT] = found.summary
    failure = found.failure()
    if failure:
        raise BlockFailure(failure)

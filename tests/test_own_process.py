"""Blocks run outside the test's process (verify/own_process.py), with real processes.

The legacy runs of then_vs_now blocks share one kept process: reused from block to block,
with the environment it was given; one that dies is reported and replaced.
"""

from __future__ import annotations

import os

import pytest

from verify.own_process import KeptProcess, ProcessDied, run_in_own_process

PRINTS_PROCESS = "import os\n\nprint(os.getpid(), os.environ.get('WHICH'))\n"


@pytest.fixture
def kept():
    process = KeptProcess({"WHICH": "kept"})
    yield process
    process.close()


def write(tmp_path, name: str, code: str):
    path = tmp_path / name
    path.write_text(code, encoding="utf-8")
    return path


def test_a_kept_process_runs_block_after_block_with_its_environment(tmp_path, kept):
    snippet = write(tmp_path, "which.py", PRINTS_PROCESS)
    first, second = kept.run(snippet, 10), kept.run(snippet, 10)
    assert first.error is None
    assert first.lines == [1, 3]
    pid, which = first.stdout.split()
    assert which == "kept"
    assert int(pid) != os.getpid()
    assert second.stdout == first.stdout  # the same process, asked again
    alone = run_in_own_process(snippet, 10, env={"WHICH": "alone"})
    assert alone.stdout.split()[0] != pid
    assert alone.stdout.split()[1] == "alone"


def test_a_block_that_ends_the_kept_process_is_reported_and_the_next_gets_a_new_one(tmp_path, kept):
    snippet = write(tmp_path, "which.py", PRINTS_PROCESS)
    before = kept.run(snippet, 10).stdout
    dies = write(tmp_path, "dies.py", "import os, sys\n\nsys.stderr.write('bye')\nos._exit(3)\n")
    with pytest.raises(ProcessDied, match=r"died \(exit 3\):\nbye"):
        kept.run(dies, 10)
    after = kept.run(snippet, 10).stdout
    assert after.split()[1] == "kept"
    assert after.split()[0] != before.split()[0]


def test_what_a_block_prints_is_its_output_not_a_reply(tmp_path, kept):
    code = 'import os\n\nos.write(1, b"{not a reply}\\n")\nprint("done")\n'
    result = kept.run(write(tmp_path, "prints.py", code), 10)
    assert result.stdout == "{not a reply}\ndone\n"


def test_a_block_past_its_time_limit_is_stopped_and_the_process_kept(tmp_path, kept):
    snippet = write(tmp_path, "which.py", PRINTS_PROCESS)
    before = kept.run(snippet, 10).stdout
    hangs = kept.run(write(tmp_path, "hang.py", "import time\n\ntime.sleep(60)\n"), 1)
    assert "hang.py ran longer than 1 s" in hangs.error
    assert kept.run(snippet, 10).stdout == before


def test_each_legacy_run_starts_from_a_cleared_session_and_reset_seeds(tmp_path):
    """The kept process of the legacy runs (TF_USE_LEGACY_KERAS=1, real tf_keras): a block
    run after another sees what it would see alone: layer names from `dense` on, and the
    same random numbers."""
    code = (
        "import tensorflow as tf\n\n"
        "layer = tf.keras.layers.Dense(1)\n"
        "print(type(layer).__module__.split('.')[0], layer.name)\n"
        "print(round(float(tf.random.uniform(())), 4))\n"
    )
    snippet = write(tmp_path, "legacy.py", code)
    legacy = KeptProcess({"TF_USE_LEGACY_KERAS": "1"})
    try:
        first = legacy.run(snippet, 60, preload=["tf_keras"])
        second = legacy.run(snippet, 60, preload=["tf_keras"])
    finally:
        legacy.close()
    assert first.error is None, first.error
    assert first.stdout.splitlines()[0] == "tf_keras dense"
    assert second.stdout == first.stdout

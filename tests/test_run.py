"""verify/run.py and verify/variants.py in this process: a block runs as a reader runs the
snippet file (offline, with a time limit, in a scratch directory, as __main__), and what
it changes in the process is found. Quick: no inner pytest run, no TensorFlow."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

from verify import processes
from verify.blocks import Block, Marks
from verify.own_process import KeptProcess, ProcessDied, run_in_own_process
from verify.run import run_block
from verify.variants import KERAS_3, LEGACY, Runner, variants_of


def run(code: str, tmp_path: Path, timeout: float = 5, **options):
    snippet = tmp_path / "snippet.py"
    snippet.write_text(code)
    return run_block(code, str(snippet), timeout, **options)


def run_in_project(project: Path, code: str):
    """Run `code` as snippets/block.py of a project at `project` (its snippets/ made)."""
    snippet = project / "snippets" / "block.py"
    snippet.write_text(code)
    return run_block(code, str(snippet), 5)


def test_a_block_runs_as_main_and_its_output_is_captured(tmp_path):
    result = run("print(__name__)\nimport os\nos.write(1, b'fd 1\\n')\n", tmp_path)
    assert result.error is None
    assert result.stdout.splitlines() == ["__main__", "fd 1"]


def test_each_block_has_a_scratch_directory_that_is_removed(tmp_path):
    here = os.getcwd()
    result = run("import os\nopen('x.txt', 'w').write('1')\nprint(os.getcwd())\n", tmp_path)
    scratch = Path(result.stdout.strip())
    assert scratch != Path(here)
    assert not scratch.exists()
    assert os.getcwd() == here


def test_the_network_is_blocked_with_a_message_that_says_why(tmp_path):
    result = run("import socket\nsocket.create_connection(('example.com', 80))\n", tmp_path)
    assert "SocketBlockedError" in result.error
    assert "Snippets run offline" in result.error


def test_a_block_past_its_time_limit_fails_naming_the_setting(tmp_path):
    result = run("while True:\n    pass\n", tmp_path, timeout=0.3)
    assert "snippet.py ran longer than 0.3 s" in result.error
    assert "[tool.verify] snippet_timeout" in result.error


def test_sys_exit_0_passes_and_other_exits_fail(tmp_path):
    assert run("import sys\nprint(1)\nsys.exit(0)\n", tmp_path).error is None
    failed = run("import sys\nsys.exit(3)\n", tmp_path)
    assert "SystemExit: 3" in failed.error


def test_the_traceback_starts_at_the_snippet_s_own_line(tmp_path):
    result = run("x = 1\nraise ValueError('no')\n", tmp_path)
    assert 'snippet.py", line 2' in result.error
    assert "verify/run.py" not in result.error


def test_a_leaked_global_setting_fails_and_is_restored(tmp_path):
    before = np.get_printoptions()["precision"]
    result = run("import numpy as np\nnp.set_printoptions(precision=2)\n", tmp_path)
    assert "changed NumPy's print options" in result.error
    assert np.get_printoptions()["precision"] == before


def test_the_lines_that_ran_are_recorded(tmp_path):
    ran: set[int] = set()
    result = run(
        "x = 1\nif x:\n    print('yes')\nelse:\n    print('no')\n", tmp_path, ran_lines=ran
    )
    assert result.lines == [1, 2, 3]


def test_a_block_that_asks_the_terminal_size_says_so(tmp_path):
    result = run("import shutil\nprint(shutil.get_terminal_size().columns)\n", tmp_path)
    assert result.asks_terminal_size
    assert result.stdout.strip() == "80"
    wide = run(
        "import shutil\nprint(shutil.get_terminal_size().columns)\n", tmp_path, columns="200"
    )
    assert wide.stdout.strip() == "200"


def block(**fields) -> Block:
    values = {"page": Path("docs/p.md"), "line": 3, "syntax": "python", "code": ""}
    values |= {"snippet": Path("snippets/p/x.py"), **fields}
    return Block(**values)


def test_a_then_vs_now_block_gets_a_legacy_run_with_its_own_output_and_no_pictures():
    plain = block(marks=Marks(pictures=("a.svg",)))
    assert variants_of(plain) == (KERAS_3,)
    pair = block(
        marks=Marks(then_vs_now=True, pictures=("a.svg",)),
        expected_output="3\n",
        legacy_output="2\n",
        output_file=Path("snippets/p/x.out"),
        legacy_output_file=Path("snippets/p/x.tf_keras.out"),
    )
    assert variants_of(pair) == (KERAS_3, LEGACY)
    assert LEGACY.expected(pair) == ("2\n", Path("snippets/p/x.tf_keras.out"))
    assert KERAS_3.expected(pair) == ("3\n", Path("snippets/p/x.out"))
    assert LEGACY.pictures(pair) == ()
    assert KERAS_3.pictures(pair) == ("a.svg",)
    assert LEGACY.test_name("snippets/p/x.py") == "snippets/p/x.py[tf_keras]"
    assert LEGACY.how_to_run(pair).startswith(
        "Run it alone with: TF_USE_LEGACY_KERAS=1 python snippets/p/x.py"
    )


def test_the_runner_runs_a_block_in_this_process_unless_it_is_marked(tmp_path):
    snippet = tmp_path / "x.py"
    snippet.write_text("import os\nprint(os.getpid())\n")
    runner = Runner()
    try:
        here = runner.run(block(code=snippet.read_text()), KERAS_3, snippet, 5)
        own = runner.run(
            block(code=snippet.read_text(), marks=Marks(own_process=True)), KERAS_3, snippet, 30
        )
    finally:
        runner.close()
    assert int(here.stdout) == os.getpid()
    assert int(own.stdout) != os.getpid()


@pytest.mark.parametrize(
    "change",
    [
        "open(target, 'w').write('forged')",
        "pathlib.Path(target).write_text('forged')",
        "open(target, 'a').write('more')",
        "os.close(os.open(target, os.O_WRONLY))",
        "os.remove(target)",
        "os.rename(target, target + '.old')",
        "os.replace(target, target + '.old')",
        "shutil.rmtree(os.path.dirname(target))",
    ],
)
def test_a_block_that_changes_the_repository_fails_naming_the_file(tmp_path, change):
    """A block writes only into its working directory: one that changes a file of the
    project (another block's .out here) fails, the file named, whatever call it used."""
    target = tmp_path / "snippets" / "other.out"
    target.parent.mkdir()
    target.write_text("expected\n")
    result = run_in_project(
        tmp_path, f"import os, pathlib, shutil\ntarget = {str(target)!r}\n{change}\n"
    )
    assert result.error is not None, change
    # The file (or, for rmtree, its folder), relative to the project.
    assert "changed files of the repository: snippets" in result.error
    assert "working directory" in result.error


def test_reading_the_repository_and_writing_the_working_directory_pass(tmp_path):
    data = tmp_path / "snippets" / "data.csv"
    data.parent.mkdir()
    data.write_text("1,2\n")
    code = f"text = open({str(data)!r}).read()\nopen('copy.csv', 'w').write(text)\nprint(text)"
    result = run_in_project(tmp_path, code)
    assert result.error is None
    assert str(data) in result.reads


@pytest.mark.parametrize(
    "start",
    [
        "subprocess.Popen(['sleep', '30'])",  # never waited for
        "subprocess.run(['sh', '-c', 'sleep 30 &'])",  # sent to the background
        "subprocess.run(['sh', '-c', '(setsid sleep 30 &) &'])",  # detached: a double fork
        "os.system('nohup sleep 30 >/dev/null 2>&1 &')",
        "subprocess.Popen(['sleep', '30'], env={'PATH': os.environ['PATH']})",  # its own env
    ],
    ids=["popen", "background", "double-fork", "nohup", "own-environment"],
)
def test_a_process_that_outlives_its_block_fails_it_and_is_stopped(tmp_path, start):
    result = run(f"import os, subprocess\n{start}\nprint('done')\n", tmp_path)
    assert result.error is not None
    assert "snippet.py left a process running after it ended (pid " in result.error
    assert "stopped now" in result.error
    assert result.stdout == "done\n"
    pids = [int(p) for p in re.findall(r"pid (\d+)", result.error)]
    assert not any(processes.is_running(pid) for pid in pids), "left running"


def test_a_block_that_waits_for_its_processes_passes(tmp_path):
    code = (
        "import subprocess\n"
        "subprocess.run(['true'], check=True)\n"
        "child = subprocess.Popen(['sleep', '0.1'])\n"
        "print(child.wait())\n"
    )
    result = run(code, tmp_path)
    assert result.error is None
    assert result.stdout == "0\n"


CRASH = (
    "import os, subprocess\n"
    "subprocess.Popen(['sleep', '30'], start_new_session=True)\n"
    "os._exit(3)  # the block's Python dies before it can report\n"
)


def run_kept(snippet: Path, timeout: float):
    kept = KeptProcess({})
    try:
        return kept.run(snippet, timeout)
    finally:
        kept.close()


@pytest.mark.parametrize("runner", [run_in_own_process, run_kept], ids=["own", "kept"])
def test_what_a_crashed_block_process_left_is_named_and_stopped(tmp_path, runner):
    snippet = tmp_path / "crash.py"
    snippet.write_text(CRASH)
    with pytest.raises(ProcessDied) as died:
        runner(snippet, 30)
    message = str(died.value)
    assert message.startswith("died (exit 3)")
    assert "crash.py left a process running after it ended (pid " in message
    pids = [int(p) for p in re.findall(r"pid (\d+)", message)]
    assert pids
    assert not any(processes.is_running(pid) for pid in pids)

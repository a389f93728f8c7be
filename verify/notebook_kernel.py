"""The checks inside a notebook's kernel: what each cell ran, started, changed and reached.

verify/notebooks.py starts the kernel with this module as an IPython extension
(`--IPKernelApp.extensions=verify.notebook_kernel`), the path of a JSON file in
$VERIFY_NOTEBOOK_RECORD and the project's folder in $VERIFY_PROJECT_ROOT. A cell is then
held to a snippet's rules, with the engine's own tools:

- the lines that ran: sys.monitoring reports the first run of each line of code compiled
  from a cell (IPython gives each cell a file name of its own), then switches that line
  off (DISABLE), so a loop costs nothing after its first pass and the rest of the kernel
  (TensorFlow, Keras) is switched off at its first line;
- offline: no socket but a Unix one while a cell runs (verify/run.py's `offline`);
  the kernel's own messages go through ZeroMQ's C sockets, which this does not touch;
- the repository read-only: a file of the project written, removed or renamed
  (verify/reads.py's audit hook);
- no process left running after the cell (verify/processes.py: each cell's processes
  carry a mark of their own, found and stopped after it).

After every cell the file is written again:

    {"cells": [{"source": ..., "python": ..., "file": ..., "problems": [...]}, ...],
     "lines": {file: [1, 2, 4, ...]}}

`python` is the cell as IPython ran it (magics turned into calls); `problems` what the
cell did that a snippet may not. The extension changes nothing a cell prints and no
execution count.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

RECORD_VARIABLE = "VERIFY_NOTEBOOK_RECORD"  # where the kernel writes what it recorded
ROOT_VARIABLE = "VERIFY_PROJECT_ROOT"  # the project whose files a cell may not change
TOOL = "notebook cell lines"


def load_ipython_extension(shell) -> None:
    out = os.environ.get(RECORD_VARIABLE)
    if not out:
        return
    from verify import processes, reads, run

    root = Path(os.environ.get(ROOT_VARIABLE) or os.getcwd())
    folder = os.path.dirname(shell.compile.get_code_name("", "", 0))  # ipykernel's cells' folder
    lines: dict[str, set[int]] = {}
    cells: list[dict] = []
    monitoring = sys.monitoring
    tool = next(i for i in range(6) if monitoring.get_tool(i) is None)
    monitoring.use_tool_id(tool, TOOL)

    def on_line(code, line):
        if os.path.dirname(code.co_filename) == folder:
            lines.setdefault(code.co_filename, set()).add(line)
        return monitoring.DISABLE

    monitoring.register_callback(tool, monitoring.events.LINE, on_line)
    monitoring.set_events(tool, monitoring.events.LINE)
    running: dict = {}

    def before_cell(info) -> None:
        stack = contextlib.ExitStack()
        running["left"] = stack.enter_context(processes.left_running("the cell"))
        running["seen"] = stack.enter_context(reads.recorded(root, "<cell>"))
        stack.enter_context(run.offline())
        running["stack"] = stack

    def after_cell(result) -> None:
        problems = []
        if "stack" in running:
            running.pop("stack").close()
            changed = running.pop("seen").change_problem(root)
            left = running.pop("left")[0]
            problems += [p for p in (changed, left) if p]
        raw = result.info.raw_cell if result.info is not None else ""
        python = shell.transform_cell(raw)
        name = shell.compile.get_code_name(raw, python, shell.execution_count)
        cells.append({"source": raw, "python": python, "file": name, "problems": problems})
        record = {"cells": cells, "lines": {f: sorted(n) for f, n in lines.items()}}
        with open(out, "w", encoding="utf-8") as sink:
            json.dump(record, sink)

    shell.events.register("pre_run_cell", before_cell)
    shell.events.register("post_run_cell", after_cell)

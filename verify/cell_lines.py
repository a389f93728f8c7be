"""Which lines of each notebook cell ran: recorded inside the notebook's kernel.

verify/notebooks.py starts the kernel with this module as an IPython extension
(`--IPKernelApp.extensions=verify.cell_lines`) and the path of a JSON file in
$VERIFY_CELL_LINES. From then on, Python's sys.monitoring reports the first run of each
line of code compiled from a cell (IPython gives each cell a file name of its own), and
after every cell the file is written again:

    {"cells": [{"source": ..., "python": ..., "file": ...}, ...],   # in the order they ran
     "lines": {file: [1, 2, 4, ...]}}                                 # lines of each cell file

`python` is the cell as IPython ran it (magics turned into calls), whose lines are the
cell's own. A line that runs is reported once and then switched off (sys.monitoring's
DISABLE), so a loop costs nothing after its first pass; the rest of the kernel (TensorFlow,
Keras) is switched off at its first line. The extension changes nothing a cell prints and
no execution count.
"""

from __future__ import annotations

import json
import os
import sys

VARIABLE = "VERIFY_CELL_LINES"  # where the kernel writes what it recorded
TOOL = "notebook cell lines"


def load_ipython_extension(shell) -> None:
    out = os.environ.get(VARIABLE)
    if not out:
        return
    folder = os.path.dirname(shell.compile.get_code_name("", "", 0))  # ipykernel's cells' folder
    lines: dict[str, set[int]] = {}
    cells: list[dict[str, str]] = []
    monitoring = sys.monitoring
    tool = next(i for i in range(6) if monitoring.get_tool(i) is None)
    monitoring.use_tool_id(tool, TOOL)

    def on_line(code, line):
        if os.path.dirname(code.co_filename) == folder:
            lines.setdefault(code.co_filename, set()).add(line)
        return monitoring.DISABLE

    monitoring.register_callback(tool, monitoring.events.LINE, on_line)
    monitoring.set_events(tool, monitoring.events.LINE)

    def after_cell(result) -> None:
        raw = result.info.raw_cell if result.info is not None else ""
        python = shell.transform_cell(raw)
        name = shell.compile.get_code_name(raw, python, shell.execution_count)
        cells.append({"source": raw, "python": python, "file": name})
        record = {"cells": cells, "lines": {f: sorted(n) for f, n in lines.items()}}
        with open(out, "w", encoding="utf-8") as sink:
            json.dump(record, sink)

    shell.events.register("post_run_cell", after_cell)

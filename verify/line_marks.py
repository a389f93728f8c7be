"""Which lines of a snippet ran: a mark before each statement, no tracer.

The check "every line of every snippet runs" used coverage.py. On Python 3.11
(no `sys.monitoring`) its tracer slows down every line of every module while it
is on: the blocks ran ~30 % slower, and a block in a process of its own ~60 %
slower, since its TensorFlow import was traced too (`make bench`). A snippet is
one file, run once, so the runner compiles it with a call before each statement
instead, `__snippet_ran_line__(12)`, which adds 12 to a set: libraries run at
full speed.

Line numbers stay the snippet's own (tracebacks, `inspect.getsource`). Code that
TensorFlow runs from a rewritten copy (autograph, inside `@tf.function`) has no
marks, as it was invisible to coverage.py too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

MARK = "__snippet_ran_line__"  # the name the marks call, set in the snippet's globals
_SCOPES = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _bodies(tree: ast.AST) -> Iterator[tuple[ast.AST, list[ast.stmt]]]:
    """Every list of statements: module, def, class, if, for, while, try, with, match."""
    for node in ast.walk(tree):
        for _, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                yield node, value


def _counted(owner: ast.AST, index: int, statement: ast.stmt) -> bool:
    """A statement whose line must run: not a docstring, not a __future__ import."""
    if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
        return False
    docstring = (
        index == 0
        and isinstance(owner, _SCOPES)
        and isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )
    return not docstring


def statement_lines(source: str) -> set[int]:
    """The line of each statement that must run."""
    return {
        statement.lineno
        for owner, body in _bodies(ast.parse(source))
        for index, statement in enumerate(body)
        if _counted(owner, index, statement)
    }


def _mark(statement: ast.stmt) -> ast.stmt:
    call = ast.Call(ast.Name(MARK, ast.Load()), [ast.Constant(statement.lineno)], [])
    return ast.copy_location(ast.Expr(call), statement)


def compile_marked(source: str, filename: str, ran: set[int]) -> tuple[object, dict]:
    """The snippet's code with marks, and the globals the marks need (`ran` fills up)."""
    tree = ast.parse(source, filename)
    for owner, body in list(_bodies(tree)):
        marked: list[ast.stmt] = []
        for index, statement in enumerate(body):
            if _counted(owner, index, statement):
                marked.append(_mark(statement))
            marked.append(statement)
        body[:] = marked
    add: Callable[[int], None] = ran.add
    return compile(ast.fix_missing_locations(tree), filename, "exec"), {MARK: add}


def line_ranges(lines: set[int]) -> str:
    """12, 14-16, 20"""
    ranges: list[list[int]] = []
    for line in sorted(lines):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)

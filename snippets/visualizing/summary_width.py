"""How wide model.summary() draws its table: a width per kind of model, capped by the terminal."""

import os

import keras

sequential = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
inputs = keras.Input(shape=(8,))
wide, narrow = keras.layers.Dense(4)(inputs), keras.layers.Dense(2)(inputs)
branches = keras.layers.Concatenate()([wide, narrow])
functional = keras.Model(inputs, keras.layers.Dense(1)(branches))  # has a "Connected to" column


def width(model: keras.Model, **options) -> int:
    """The width, in characters, of the widest line model.summary(**options) draws."""
    lines = []
    model.summary(print_fn=lambda text, **_: lines.append(text), **options)
    return max(len(line.rstrip()) for line in "\n".join(lines).splitlines())


def widths() -> str:
    return (
        f"{width(sequential):>10}  {width(functional):>10}  "
        f"{width(functional, show_trainable=True):>16}  {width(functional, line_length=100):>15}"
    )


def not_a_terminal(fd: int) -> os.terminal_size:
    """What os.get_terminal_size does when the output is a file, a pipe or a CI log."""
    raise OSError(f"file descriptor {fd} is not a terminal")


print("COLUMNS             Sequential  functional  + show_trainable  line_length=100")
saved_columns, get_terminal_size = os.environ.get("COLUMNS"), os.get_terminal_size
try:
    for columns in ("200", "60"):
        os.environ["COLUMNS"] = columns  # the terminal's width, as shutil and rich read it
        print(f"{columns:<18}  {widths()}")
    del os.environ["COLUMNS"]
    os.get_terminal_size = not_a_terminal  # shutil and rich then assume 80 columns
    print(f"{'unset, no terminal':<18}  {widths()}")
finally:  # restore the process's settings
    os.get_terminal_size = get_terminal_size
    os.environ.pop("COLUMNS", None)
    os.environ.update({} if saved_columns is None else {"COLUMNS": saved_columns})

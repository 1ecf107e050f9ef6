"""Validates a Jupyter notebook file with nbformat, the reference implementation.

Usage: validate_notebook.py NOTEBOOK [--check-python]

nbformat.read(path, as_version=4), then nbformat.validate(nb). With --check-python,
every code cell must also parse as Python. Exit 0 with a one-line summary on
stdout, or exit 1 with "invalid notebook: <reason>" on stderr.
"""
import ast
import sys

import nbformat


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print("usage: validate_notebook.py NOTEBOOK [--check-python]", file=sys.stderr)
        return 2
    try:
        nb = nbformat.read(args[0], as_version=4)
        nbformat.validate(nb)
        if "--check-python" in argv:
            for cell in nb.cells:
                if cell.cell_type == "code":
                    try:
                        ast.parse(cell.source)
                    except SyntaxError as err:
                        raise ValueError(f"code cell {cell.get('id')} is not valid Python: {err}") from err
    except Exception as err:  # noqa: BLE001 - any failure is a validation failure here
        print(f"invalid notebook: {err}", file=sys.stderr)
        return 1
    print(f"valid nbformat {nb.nbformat}.{nb.nbformat_minor} with {len(nb.cells)} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

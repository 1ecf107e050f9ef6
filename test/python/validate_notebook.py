"""Validates a Jupyter notebook file with nbformat (the reference implementation): exit 0, or 1 with the reason."""
import sys

import nbformat

try:
    nb = nbformat.read(sys.argv[1], as_version=4)
    nbformat.validate(nb)
except Exception as err:  # noqa: BLE001 - any failure is a validation failure here
    print(f"invalid notebook: {err}", file=sys.stderr)
    sys.exit(1)
print(f"valid nbformat {nb.nbformat}.{nb.nbformat_minor} with {len(nb.cells)} cells")

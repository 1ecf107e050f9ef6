"""Reads an ATT&CK Navigator layer (JSON) on stdin and loads it with MITRE's own layer model
(mitreattack-python's navlayers), which refuses what the layer format does not allow. Prints what it
understood, as JSON: the techniques and the layer's versions. Exit status 1 on a refused layer."""
import json
import sys

from mitreattack.navlayers import Layer

try:
    layer = Layer()
    layer.from_dict(json.load(sys.stdin))
    data = layer.to_dict()
    if data is None:
        raise ValueError("the layer model could not load it")
except Exception as err:  # noqa: BLE001 - any refusal is the answer
    print(f"refused: {type(err).__name__}: {err}", file=sys.stderr)
    sys.exit(1)
print(json.dumps({"name": data.get("name"), "domain": data.get("domain"), "versions": data.get("versions"), "techniques": [t.get("techniqueID") for t in data.get("techniques", [])]}))

#!/usr/bin/env python3
"""Test oracle: pySigma's own backends (Splunk SPL, ES|QL, Kusto KQL, and the DuckDB one) behind a JSON interface.

argv: rule files (Sigma YAML).
stdout: {"pysigma": "<version>", "backends": {"spl": "<version>", ...},
         "rules": {"<file name>": {"spl": {"query": "..."} | {"error": "..."}, "esql": ..., "kql": ..., "duckdb": ...}}}

Backends are used as shipped, without a processing pipeline (capeo's default mapping is the identity).
"""
import json
import os
import sys
from importlib.metadata import version

from sigma.backends.elasticsearch import ESQLBackend
from sigma.backends.kusto import KustoBackend
from sigma.backends.splunk import SplunkBackend
from sigma.collection import SigmaCollection
from sigma_backend_duckdb import DuckDBBackend

BACKENDS = {
    "spl": (SplunkBackend, "pysigma-backend-splunk"),
    "esql": (ESQLBackend, "pysigma-backend-elasticsearch"),
    "kql": (KustoBackend, "pysigma-backend-kusto"),
    "duckdb": (DuckDBBackend, "pysigma-backend-duckdb"),
}


def convert(backend_class, text):
    try:
        queries = backend_class().convert(SigmaCollection.from_yaml(text))
    except Exception as err:  # pySigma's refusals are the answer here, whatever their class
        return {"error": f"{type(err).__name__}: {err}"}
    if len(queries) != 1:
        return {"error": f"{len(queries)} queries"}
    return {"query": queries[0]}


def main():
    rules = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        rules[os.path.basename(path)] = {name: convert(cls, text) for name, (cls, _) in BACKENDS.items()}
    json.dump(
        {
            "pysigma": version("pysigma"),
            "backends": {name: version(dist) for name, (_, dist) in BACKENDS.items()},
            "rules": rules,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()

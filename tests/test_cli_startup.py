"""``vigil --help`` and every command's start stay fast: heavy libraries load only when used.

Each part's ``cli.py`` imports its library modules inside the command functions. This test
imports the whole command tree in a fresh interpreter and checks none of the heavy libraries
came with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.data import ROOT

HEAVY = (
    "followthemoney", "pyarrow", "pyais", "numpy", "rapidfuzz", "lxml", "pyspark",
    "jinja2", "rigour", "ahocorasick", "pypdf", "nomenklatura", "ibis",
)  # fmt: skip


def test_cli_imports_no_heavy_library() -> None:
    code = (
        "import json, sys; import vigil.cli; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(result.stdout) == []


def test_screening_cli_default_limit_matches_the_api() -> None:
    from vigil.screening import api, cli

    assert cli.DEFAULT_LIMIT == api.DEFAULT_LIMIT

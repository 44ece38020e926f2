"""Run the real ``vigil`` entry point in-process, as a user would from a shell."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest


@dataclass
class Outcome:
    """Exit code and captured output of one CLI call."""

    code: int
    stdout: str
    stderr: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """Call ``vigil.cli.main`` with ``args``; set VIGIL_* with monkeypatch before calling."""
    from vigil.cli import main

    capsys.readouterr()
    argv = sys.argv
    sys.argv = ["vigil", *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)

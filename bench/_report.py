"""Write one area's latest figures into its own section of ``bench/README.md``.

Each benchmark calls :func:`write_section` with its area name and a Markdown body; the section
between ``<!-- bench:AREA -->`` markers is replaced and every other section is left alone.
"""

from __future__ import annotations

import platform
import re
import time
from pathlib import Path

import duckdb

README = Path(__file__).with_name("README.md")
HEADER = "# Benchmarks\n\nLatest figures, written by the benchmarks themselves. Run `make bench` for all.\n"


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    import os

    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )


def write_section(area: str, body: str, command: str) -> None:
    """Replace the section for ``area`` in bench/README.md with ``body``."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    block = (
        f"<!-- bench:{area} -->\n## {area}\n\n"
        f"Command: `{command}` · run {stamp} · {machine()}\n\n{body.strip()}\n"
        f"<!-- /bench:{area} -->"
    )
    text = README.read_text("utf-8") if README.exists() else HEADER
    pattern = re.compile(
        rf"<!-- bench:{re.escape(area)} -->.*?<!-- /bench:{re.escape(area)} -->", re.S
    )
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block
    )
    README.write_text(text.rstrip() + "\n", "utf-8")

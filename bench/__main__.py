"""Run every benchmark in turn: ``python -m bench``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    """Import and run ``bench.<area>.__main__.main`` for every area folder."""
    here = Path(__file__).parent
    areas = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.ispkg)
    only = sys.argv[1:]
    for area in areas:
        if only and area not in only:
            continue
        print(f"== bench/{area}", flush=True)
        importlib.import_module(f"bench.{area}.__main__").main()


if __name__ == "__main__":
    main()

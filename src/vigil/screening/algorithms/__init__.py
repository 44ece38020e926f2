"""Versioned scoring algorithms. A published version never changes meaning; new behaviour
gets a new name, and old names stay here so that past decisions can be reproduced."""

from __future__ import annotations

from typing import Final

from vigil.screening.algorithms.base import Algorithm
from vigil.screening.algorithms.vigil_v1 import VigilV1
from vigil.screening.algorithms.vigil_v2 import VigilV2
from vigil.screening.algorithms.vigil_v3 import VigilV3
from vigil.screening.errors import UnknownAlgorithmError

ALGORITHMS: Final[dict[str, Algorithm]] = {
    algo.name: algo for algo in (VigilV1(), VigilV2(), VigilV3())
}
DEFAULT_ALGORITHM: Final = "vigil-v3"


def get_algorithm(name: str | None = None) -> Algorithm:
    """The algorithm called ``name`` (default: the current version)."""
    algo = ALGORITHMS.get(name or DEFAULT_ALGORITHM)
    if algo is None:
        raise UnknownAlgorithmError(f"no screening algorithm {name!r}; known: {sorted(ALGORITHMS)}")
    return algo


__all__ = ["ALGORITHMS", "DEFAULT_ALGORITHM", "Algorithm", "get_algorithm"]

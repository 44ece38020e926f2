"""What a scoring algorithm provides."""

from __future__ import annotations

from typing import Protocol

from vigil.screening.models import Contribution, PreparedQuery
from vigil.screening.records import Record


class Algorithm(Protocol):
    """A versioned scorer: a name, a default threshold and a pure ``score`` function."""

    name: str
    threshold: float

    def score(self, query: PreparedQuery, record: Record) -> tuple[float, list[Contribution]]:
        """The score in [0, 1] of ``record`` for ``query`` and what contributed to it."""
        ...

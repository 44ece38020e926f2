"""What a scoring algorithm provides."""

from __future__ import annotations

from typing import Protocol

from vigil.screening.models import Contribution, PreparedQuery
from vigil.screening.records import Record
from vigil.screening.variants import NameForm


class Algorithm(Protocol):
    """A versioned scorer: a name, a default threshold and a pure ``score`` function."""

    name: str
    threshold: float

    def score(
        self, query: PreparedQuery, record: Record, forms: tuple[NameForm, ...] | None = None
    ) -> tuple[float, list[Contribution]]:
        """The score in [0, 1] of ``record`` for ``query`` and what contributed to it.

        ``forms`` are the entry's name forms to compare (default: all of them); screening
        passes those of the names the first pass chose."""
        ...

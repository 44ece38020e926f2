"""The Python API: build a :class:`Screener` from register entities and screen names.

>>> screener = Screener.from_entities(entities)            # any followthemoney entities
>>> results = screener.screen(Query("Kim Chong Un", schema="Person"))
>>> results[0].score, results[0].match, results[0].explain()
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, Final

from vigil.screening.algorithms import get_algorithm
from vigil.screening.index import ScreeningIndex, form_keys
from vigil.screening.models import PreparedQuery, Query, Result, prepare
from vigil.screening.records import Record, records_from_entities

CANDIDATES: Final = 20  # entries scored per query after retrieval
DEFAULT_LIMIT: Final = 10


class Screener:
    """An index of register entries and the means to screen queries against it."""

    def __init__(self, index: ScreeningIndex, suppressed: Collection[tuple[str, str]] = ()) -> None:
        self.index = index
        self.suppressed = set(suppressed)

    @classmethod
    def from_entities(cls, entities: Iterable[Any]) -> Screener:
        """Index followthemoney entities (EntityProxy or StatementEntity)."""
        return cls(ScreeningIndex(records_from_entities(entities)))

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Screener:
        """Index prepared records (used by benchmarks with synthetic entries)."""
        return cls(ScreeningIndex(records))

    def _keys(self, prepared: PreparedQuery) -> set[str]:
        keys = {k for form in prepared.forms for k in form_keys(form)}
        keys.update("i" + i for i in prepared.identifiers)
        return keys

    def screen(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int = DEFAULT_LIMIT,
        lists: Collection[str] | None = None,
        algorithm: str | None = None,
        candidates: int = CANDIDATES,
    ) -> list[Result]:
        """Ranked entries for ``query``, best first, at most ``limit``.

        ``match`` is set at ``threshold`` (default: the algorithm's). Entries an analyst marked
        as false positives for this query are left out. Raises ``QueryError`` on bad input.
        """
        algo = get_algorithm(algorithm)
        cutoff = algo.threshold if threshold is None else threshold
        prepared = prepare(query)
        query_key = query.key() if self.suppressed else ""
        wanted = set(lists) if lists else None
        results: list[Result] = []
        for number in self.index.candidates(self._keys(prepared), candidates * 3):
            record = self.index.records[number]
            if record.kind not in prepared.kinds or (wanted and not wanted & record.lists):
                continue
            if (query_key, record.entity_id) in self.suppressed:
                continue
            score, parts = algo.score(prepared, record)
            results.append(
                Result(
                    entity_id=record.entity_id,
                    caption=record.caption,
                    schema=record.schema,
                    lists=tuple(sorted(record.lists)),
                    score=score,
                    match=score >= cutoff,
                    algorithm=algo.name,
                    explanation=tuple(parts),
                )
            )
            if len(results) >= candidates:
                break
        results.sort(key=lambda r: (-r.score, r.entity_id))
        return results[:limit]


def screen(query: Query, entities: Iterable[Any], **options: Any) -> list[Result]:
    """One-off screening of ``query`` against ``entities`` (builds a throw-away index)."""
    return Screener.from_entities(entities).screen(query, **options)

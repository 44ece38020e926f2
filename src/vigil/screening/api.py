"""The Python API: build a :class:`Screener` from register entities and screen names.

>>> screener = Screener.from_entities(entities)            # any followthemoney entities
>>> results = screener.screen(Query("Kim Chong Un", schema="Person"))
>>> results[0].score, results[0].match, results[0].explain()
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable
from typing import Any, Final

from vigil.screening.algorithms import Algorithm, get_algorithm
from vigil.screening.index import ScreeningIndex
from vigil.screening.keys import form_keys
from vigil.screening.models import PreparedQuery, Query, Result, prepare
from vigil.screening.prefilter import FINALISTS, MAX_NAMES, Finalist, query_keys, rank
from vigil.screening.records import Record, records_from_entities
from vigil.screening.structure import load_tables
from vigil.screening.variants import NameForm, cached_name_forms, unique_forms

RETRIEVED: Final = 60  # entries the index hands to the first pass
WARM_ENTRIES: Final = 100_000  # registers up to this size have every entry's forms built
CANDIDATES: Final = FINALISTS  # entries fully scored per query
DEFAULT_LIMIT: Final = 10
FORMS_CACHE_ENTRIES: Final = 200_000  # (entry, names) -> forms remembered by a screener


class Screener:
    """An index of register entries and the means to screen queries against it."""

    def __init__(self, index: ScreeningIndex, suppressed: Collection[tuple[str, str]] = ()) -> None:
        self.index = index
        self.suppressed = set(suppressed)
        # the forms of the names a finalist is scored on, by (entry, names): entries come back
        self._forms: dict[tuple[int, tuple[int, ...]], tuple[NameForm, ...]] = {}
        self.warmed = False  # warm() has run

    @classmethod
    def from_entities(cls, entities: Iterable[Any]) -> Screener:
        """Index followthemoney entities (EntityProxy or StatementEntity)."""
        return cls(ScreeningIndex(records_from_entities(entities)))

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Screener:
        """Index prepared records (used by benchmarks with synthetic entries)."""
        return cls(ScreeningIndex(records))

    def warm(self, max_entries: int = WARM_ENTRIES) -> int:
        """Build the name forms of every entry now; the number of names prepared.

        Screening otherwise builds an entry's forms the first time a query scores it (about
        0.1 ms a name, a good part of a query's cost the first time). A service that keeps the
        screener for many queries calls this once after loading it. Registers of more than
        ``max_entries`` entries (a million entries' forms would take minutes and GBs) keep
        building them lazily, as does any entry beyond the name-form cache. The country-name
        table of ``vigil-v3`` is loaded in any case.

        The objects built so far (the index, forms, tables) live as long as the screener: they
        are then moved out of the garbage collector's reach (``gc.freeze``), or every full
        collection a query's allocations trigger would walk all of them (more than a quarter
        of the mean query time on UN + OFAC).
        """
        load_tables()
        names = 0
        if len(self.index) <= max_entries:
            for record in self.index.records:
                for name in record.names:
                    cached_name_forms(name, record.kind)
                    names += 1
        gc.collect()
        gc.freeze()
        self.warmed = True
        return names

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
        retrieved: int = RETRIEVED,
    ) -> list[Result]:
        """Ranked entries for ``query``, best first, at most ``limit``.

        Retrieval (the index) finds up to ``retrieved`` entries, the first pass
        (:mod:`.prefilter`) keeps the best ``candidates``, entries sharing an identifier are
        always kept, and the algorithm scores those. ``match`` is set at ``threshold``
        (default: the algorithm's). Entries an analyst marked as false positives for this
        query are left out. Raises ``QueryError`` on bad input.
        """
        algo = get_algorithm(algorithm)
        cutoff = algo.threshold if threshold is None else threshold
        prepared = prepare(query)
        query_key = query.key() if self.suppressed else ""
        wanted = set(lists) if lists else None
        index = self.index
        kinds, records, wanted_kinds = index.kinds, index.records, prepared.kinds
        numbers = [
            n
            for n in index.candidates(self._keys(prepared), retrieved)
            if kinds[n] in wanted_kinds
            and (not (wanted or self.suppressed) or self._eligible(records[n], wanted, query_key))
        ]
        chosen = rank(
            query_keys(prepared.forms), numbers, index.name_keys, index.name_owners, candidates
        )
        picked = {f.number for f in chosen}
        if prepared.identifiers:
            chosen += [
                Finalist(n, 0.0, tuple(range(min(len(index.records[n].names), MAX_NAMES))))
                for n in numbers
                if n not in picked and prepared.identifiers & index.records[n].identifiers
            ]
        results = [self._result(prepared, f, algo, cutoff) for f in chosen]
        results.sort(key=lambda r: (-r.score, r.entity_id))
        return results[:limit]

    def _eligible(self, record: Record, wanted: set[str] | None, query_key: str) -> bool:
        """On a wanted list, and not marked a false positive for this query."""
        if wanted and not wanted & record.lists:
            return False
        return (query_key, record.entity_id) not in self.suppressed

    def _result(
        self, prepared: PreparedQuery, finalist: Finalist, algo: Algorithm, cutoff: float
    ) -> Result:
        record = self.index.records[finalist.number]
        key = (finalist.number, finalist.names)
        forms = self._forms.get(key)
        if forms is None:
            names = [record.names[i] for i in finalist.names if i < len(record.names)]
            forms = unique_forms([f for n in names for f in cached_name_forms(n, record.kind)])
            if len(self._forms) >= FORMS_CACHE_ENTRIES:
                self._forms.clear()
            self._forms[key] = forms
        score, parts = algo.score(prepared, record, forms)
        return Result(
            entity_id=record.entity_id,
            caption=record.caption,
            schema=record.schema,
            lists=tuple(sorted(record.lists)),
            score=score,
            match=score >= cutoff,
            algorithm=algo.name,
            explanation=tuple(parts),
        )


def screen(query: Query, entities: Iterable[Any], **options: Any) -> list[Result]:
    """One-off screening of ``query`` against ``entities`` (builds a throw-away index)."""
    return Screener.from_entities(entities).screen(query, **options)

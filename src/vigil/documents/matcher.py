"""The compiled matcher: an Aho–Corasick automaton over every key of the register.

Built once from followthemoney entities (or the store's current register) and reused for any
number of documents. A raw :class:`Hit` is a key found on token boundaries of a
:class:`~vigil.documents.tokens.TokenStream`; :mod:`vigil.documents.verify` decides which
hits are mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import ahocorasick

from vigil.documents.keys import IdentifierEntry, identifier_entries, identifier_keys, record_keys
from vigil.documents.mention import Mention, snippet
from vigil.documents.tokens import TokenStream
from vigil.documents.vocabulary import Vocabulary
from vigil.screening.algorithms import Algorithm, get_algorithm
from vigil.screening.features import NameMatch
from vigil.screening.records import Record, records_from_entities
from vigil.store import Store


@dataclass(frozen=True, slots=True)
class Hit:
    """A key found in a stream: the tokens it covers and the entries keyed under it."""

    first: int
    last: int
    records: tuple[int, ...]
    identifiers: tuple[int, ...]


class DocumentMatcher:
    """Register entries, their identifiers, and the automaton over their keys."""

    def mention(
        self,
        record: Record,
        stream: TokenStream,
        span: tuple[int, int],
        kind: Literal["name", "identifier"],
        score: float,
        explanation: str,
    ) -> Mention:
        """A mention of ``record`` at the character ``span`` of ``stream``'s text."""
        start, end = span
        return Mention(
            entity_id=record.entity_id,
            caption=record.caption,
            schema=record.schema,
            lists=tuple(sorted(record.lists)),
            programs=self.programs.get(record.entity_id, ()),
            kind=kind,
            start=start,
            end=end,
            text=stream.text[start:end],
            snippet=snippet(stream.text, start, end),
            score=score,
            explanation=explanation,
        )

    def __init__(
        self,
        records: Sequence[Record],
        identifiers: Sequence[IdentifierEntry] = (),
        programs: dict[str, tuple[str, ...]] | None = None,
        algorithm: str | None = None,
    ) -> None:
        self.records = list(records)
        self.identifiers = list(identifiers)
        self.programs = programs or {}
        self.algorithm: Algorithm = get_algorithm(algorithm)
        self.by_id = {r.entity_id: r for r in self.records}
        # (span words, record number) -> (score, alignment) or None: see verify.span_score
        self.span_scores: dict[tuple[str, int], tuple[float, NameMatch] | None] = {}
        self.automaton = ahocorasick.Automaton()
        self.vocabulary = Vocabulary()
        self.key_count = self._build()

    @classmethod
    def from_entities(
        cls, entities: Iterable[Any], algorithm: str | None = None
    ) -> DocumentMatcher:
        """Build from followthemoney entities (EntityProxy or StatementEntity)."""
        items = list(entities)
        programs = {
            str(e.id): tuple(sorted(e.get("programId", quiet=True)))
            for e in items
            if "programId" in e.schema.properties
        }
        return cls(records_from_entities(items), identifier_entries(items), programs, algorithm)

    @classmethod
    def from_store(
        cls, store: Store, lists: Sequence[str] | None = None, dprk_only: bool = False
    ) -> DocumentMatcher:
        """Build from the current versions of the register's lists."""
        from vigil.register.query import iter_entities

        return cls.from_entities(iter_entities(store, lists=lists, dprk_only=dprk_only))

    def _build(self) -> int:
        names: dict[str, list[int]] = defaultdict(list)
        ids: dict[str, list[int]] = defaultdict(list)
        for number, record in enumerate(self.records):
            for key in record_keys(record):
                names[key].append(number)
        for number, entry in enumerate(self.identifiers):
            if entry.entity_id in self.by_id:
                for key in identifier_keys(entry):
                    ids[key].append(number)
        parts: set[str] = set()
        for key in names.keys() | ids.keys():
            value = (len(key) + 2, tuple(names.get(key, ())), tuple(ids.get(key, ())))
            self.automaton.add_word(f" {key} ", value)  # spaces: hits on token boundaries
            parts.update(key.split())
        self.vocabulary = Vocabulary(frozenset(parts))
        if len(self.automaton):
            self.automaton.make_automaton()
        return len(self.automaton)

    def hits(self, stream: TokenStream) -> Iterator[Hit]:
        """Keys found in ``stream`` (always on token boundaries: keys carry a space each side)."""
        if not self.key_count:
            return
        for end, (length, records, ids) in self.automaton.iter(stream.joined):
            first, last = stream.token_at(end - length + 2), stream.token_at(end - 1)
            yield Hit(first, last, records, ids)

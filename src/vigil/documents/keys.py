"""Automaton keys: the normalised word sequences under which register entries are found.

* **People**: every ordered pair of name parts (``putin vladimir`` and ``vladimir putin``),
  so family-name-first, given-name-first and ``SURNAME, Given`` all hit; Korean names also
  with adjacent syllables joined (``Jongun``). A one-part person name is never a key.
* **Organisations and vessels**: adjacent pairs in the name's own order, and the name's only
  part when it is distinctive (``GRACEFUL``).
* **Identifiers**: IMO numbers, MMSIs, call signs, passport and other numbers, crypto
  addresses, compact (``pd472310``) and as written (``pd 472310``).

Each name is keyed both as written (normalised like document text) and in every screening
form of it (Hangul readings, Cyrillic transliteration, person prefixes removed).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from vigil.documents import rules
from vigil.documents.spellings import register_cyrillic_key
from vigil.documents.tokens import name_parts, normalize_name, part_variants
from vigil.screening import korean
from vigil.screening.records import SUB_ENTITIES, Record

_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]")


@dataclass(frozen=True, slots=True)
class IdentifierEntry:
    """One register identifier: whose it is, which property, and its value as listed."""

    entity_id: str
    prop: str
    value: str


def name_sequences(record: Record) -> set[tuple[str, ...]]:
    """Every ASCII part sequence of a record's names (as written, and screening forms)."""
    found = {tuple(name_parts(n)) for n in record.names}
    if not all(n.isascii() for n in record.names):  # other scripts: screening's readings too
        found.update(tuple(t.text for t in form.tokens) for form in record.forms())
    if record.kind == "person":
        found.update(joined for parts in list(found) for joined in _joined(parts))
    return {s[: rules.MAX_NAME_PARTS] for s in found if s}


def _joined(parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Korean names with two adjacent syllable parts written as one (``kim jongun``)."""
    for i in range(len(parts) - 1):
        if korean.looks_korean(parts[i]) and korean.looks_korean(parts[i + 1]):
            yield (*parts[:i], parts[i] + parts[i + 1], *parts[i + 2 :])


def _pair_keys(first: str, second: str) -> Iterator[str]:
    for a, b in itertools.product(part_variants(first), part_variants(second)):
        yield f"{a} {b}"


def person_keys(parts: tuple[str, ...]) -> Iterator[str]:
    """Ordered pairs of distinct parts that pass :func:`rules.distinctive_pair`, and for
    Korean parts the pair of their Cyrillic keys (``~kim ~con``: ``Ким Чен Ын``)."""
    for first, second in itertools.permutations(dict.fromkeys(parts), 2):
        if rules.distinctive_pair(first, second):
            yield from _pair_keys(first, second)
            one, two = register_cyrillic_key(first), register_cyrillic_key(second)
            if one and two and one != two:
                yield f"{one} {two}"


def org_keys(parts: tuple[str, ...]) -> Iterator[str]:
    """Adjacent pairs in order, and a lone distinctive part."""
    if len(parts) == 1:
        if rules.distinctive_single(parts[0]):
            yield from part_variants(parts[0])
        return
    for first, second in itertools.pairwise(parts):
        if rules.distinctive_pair(first, second) and not (
            rules.is_weak(first) and rules.is_weak(second)
        ):
            yield from _pair_keys(first, second)


def record_keys(record: Record) -> set[str]:
    """Every automaton key of one record's names."""
    keys: set[str] = set()
    make = person_keys if record.kind == "person" else org_keys
    for parts in name_sequences(record):
        keys.update(make(parts))
    return keys


def _values(entity: Any, prop: str) -> list[str]:
    if prop not in entity.schema.properties:
        return []
    return [str(v) for v in entity.get(prop, quiet=True)]


def identifier_entries(entities: Iterable[Any]) -> list[IdentifierEntry]:
    """Identifiers of entities (sub-entities' numbers credited to their holder)."""
    found: list[IdentifierEntry] = []
    for entity in entities:
        schema = entity.schema.name
        if schema in SUB_ENTITIES:
            link, number = SUB_ENTITIES[schema]
            prop = "publicKey" if schema == "CryptoWallet" else "passportNumber"
            if schema == "Identification":
                prop = "idNumber"
            for holder in _values(entity, link) or _values(entity, "entity"):
                found.extend(IdentifierEntry(holder, prop, v) for v in _values(entity, number))
            continue
        for prop in rules.IDENTIFIER_RULES:
            found.extend(IdentifierEntry(str(entity.id), prop, v) for v in _values(entity, prop))
    return found


def identifier_keys(entry: IdentifierEntry) -> set[str]:
    """Keys of one identifier: digits only for IMO/MMSI, else compact and as written."""
    rule = rules.IDENTIFIER_RULES[entry.prop]
    compact = _NOT_ALNUM.sub("", entry.value.lower())
    if entry.prop in ("imoNumber", "mmsi"):
        compact = re.sub(r"\D", "", compact)
    if len(compact) < rule.min_chars:
        return set()
    keys = {" ".join(normalize_name(compact))}
    if entry.prop not in ("imoNumber", "mmsi"):
        keys.add(" ".join(normalize_name(entry.value)))
    return {k for k in keys if k}

"""What screening needs of a register entity, read from followthemoney entities.

Screening is independent of the store: :func:`records_from_entities` takes any iterable of
followthemoney ``EntityProxy``/``StatementEntity`` objects. Sub-entities (Passport,
Identification, CryptoWallet) are folded into the entity they point to (``holder``/``entity``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from vigil.register.model import LISTS
from vigil.screening.normalize import MAX_NAME_CHARS, clean
from vigil.screening.variants import NameForm, name_forms, unique_forms

# Schema -> kind of name; only these schemata are screened.
SCHEMA_KINDS: Final[dict[str, str]] = {
    "Person": "person",
    "Organization": "org",
    "Company": "org",
    "PublicBody": "org",
    "LegalEntity": "any",
    "Vessel": "vessel",
    "Airplane": "vessel",
}
NAME_PROPS: Final = ("name", "alias", "weakAlias", "previousName")
ID_PROPS: Final = (
    "imoNumber",
    "mmsi",
    "passportNumber",
    "idNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "swiftBic",
    "publicKey",
    "callSign",
)
COUNTRY_PROPS: Final = ("nationality", "country", "citizenship", "flag", "jurisdiction")
SUB_ENTITIES: Final[dict[str, tuple[str, str]]] = {  # schema -> (link property, number property)
    "Passport": ("holder", "number"),
    "Identification": ("holder", "number"),
    "CryptoWallet": ("holder", "publicKey"),
}
DATASET_LISTS: Final = {dataset: name for name, (dataset, _) in LISTS.items()}
_NOT_ID: Final = re.compile(r"[^0-9a-z]")


def normalize_identifier(value: str) -> str | None:
    """An identifier compared by equality: alphanumerics, lower case, IMO/MMSI prefixes off."""
    text = _NOT_ID.sub("", value.lower())
    for prefix in ("imo", "mmsi"):
        if text.startswith(prefix) and text[len(prefix) :].isdigit():
            text = text[len(prefix) :]
    if len(text) < 5:  # too short to identify anything
        return None
    if len(text) == 7 and text.isdigit() and not imo_checksum_ok(text):
        return None
    return text


def imo_checksum_ok(digits: str) -> bool:
    """The IMO ship number check digit: Σ digit_i · (7 - i) for i < 6, mod 10."""
    total = sum(int(d) * (7 - i) for i, d in enumerate(digits[:6]))
    return total % 10 == int(digits[6])


@dataclass(slots=True)
class Record:
    """One screenable register entry (hot loop: a light dataclass; forms built on first use)."""

    entity_id: str
    caption: str
    schema: str
    names: tuple[str, ...]
    identifiers: frozenset[str] = frozenset()
    birth_dates: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    lists: frozenset[str] = frozenset()
    _forms: tuple[NameForm, ...] | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        """person, org, vessel or any."""
        return SCHEMA_KINDS.get(self.schema, "any")

    def forms(self) -> tuple[NameForm, ...]:
        """Every comparable form of every name (built once)."""
        if self._forms is None:
            self._forms = unique_forms([f for n in self.names for f in name_forms(n, self.kind)])
        return self._forms


def _values(entity: Any, prop: str) -> list[str]:
    if prop not in entity.schema.properties:
        return []
    return [str(v) for v in entity.get(prop, quiet=True)]


def _lists(entity: Any) -> frozenset[str]:
    datasets = getattr(entity, "datasets", None) or set()
    return frozenset(DATASET_LISTS.get(d, d) for d in datasets)


def records_from_entities(entities: Iterable[Any]) -> list[Record]:
    """Screenable records from followthemoney entities; sub-entity numbers are folded in."""
    mains: list[Any] = []
    extra_ids: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        schema = entity.schema.name
        if schema in SUB_ENTITIES:
            link, number = SUB_ENTITIES[schema]
            for holder in _values(entity, link) or _values(entity, "entity"):
                extra_ids[holder].update(_values(entity, number))
        elif schema in SCHEMA_KINDS:
            mains.append(entity)
    return [_record(e, extra_ids.get(e.id, set())) for e in mains]


def _record(entity: Any, extra_ids: set[str]) -> Record:
    # sorted within each property: followthemoney keeps values in sets (hash order varies)
    names = [clean(n)[:MAX_NAME_CHARS] for p in NAME_PROPS for n in sorted(_values(entity, p))]
    raw_ids = [v for p in ID_PROPS for v in _values(entity, p)] + sorted(extra_ids)
    identifiers = {i for i in (normalize_identifier(v) for v in raw_ids) if i}
    countries = {c.lower() for p in COUNTRY_PROPS for c in _values(entity, p)}
    return Record(
        entity_id=str(entity.id),
        caption=str(entity.caption),
        schema=entity.schema.name,
        names=tuple(dict.fromkeys(n for n in names if n)),
        identifiers=frozenset(identifiers),
        birth_dates=tuple(sorted(set(_values(entity, "birthDate")))),
        countries=frozenset(countries),
        lists=_lists(entity),
    )

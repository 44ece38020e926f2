"""What a list source produces: followthemoney entities whose every value carries provenance.

A source parser reads one snapshot of a list and returns a :class:`ParsedList`. Its entities are
:class:`followthemoney.StatementEntity` objects; every statement names the dataset (the list)
and, in ``origin``, the record it came from (for example ``KPi.001`` or ``sdn.csv:1234``). The
list version (publication date plus content hash) is attached when the snapshot is stored
(see :mod:`vigil.register.versions`), so each stored statement knows its source, its list
version and its record. Each source record's raw text is kept too, so no field is ever lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from followthemoney import Dataset, StatementEntity, model

# The lists Vigil reads: list name -> (followthemoney dataset name, title).
LISTS: Final[dict[str, tuple[str, str]]] = {
    "un": ("un_sc_sanctions", "UN Security Council Consolidated List"),
    "ofac": ("us_ofac_sdn", "US OFAC Specially Designated Nationals (SDN) List"),
    "un-vessels": ("un_1718_vessels", "UN 1718 Committee designated vessels"),
}
# Input formats and the list each one feeds.
FORMATS: Final[dict[str, str]] = {
    "un-xml": "un",
    "ofac-csv": "ofac",
    "un-vessels-csv": "un-vessels",
}
# The default view of the register: the DPRK regime of each list.
DPRK_PROGRAMS: Final[frozenset[str]] = frozenset({"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"})

_DATASETS: dict[str, Dataset] = {}


def dataset_for(list_name: str) -> Dataset:
    """The followthemoney dataset of a list (``un``, ``ofac`` or ``un-vessels``)."""
    if list_name not in _DATASETS:
        name, title = LISTS[list_name]
        _DATASETS[list_name] = Dataset.make({"name": name, "title": title})
    return _DATASETS[list_name]


def make_entity(list_name: str, schema: str, entity_id: str) -> StatementEntity:
    """A new, empty statement entity of ``schema`` in the dataset of ``list_name``."""
    entity = StatementEntity(dataset_for(list_name), {"schema": schema, "id": entity_id})
    return entity


@dataclass(frozen=True)
class SourceRecord:
    """One record of a source file, kept verbatim for provenance.

    ``record_id`` is the list's own reference (``KPi.001``, an OFAC ent_num, an IMO number);
    ``location`` says where it sits in the file (``sdn.csv:1234`` or an XML line number).
    """

    record_id: str
    entity_id: str
    location: str
    raw: str


@dataclass(frozen=True)
class Quarantined:
    """A source row that was not used, with where it is and why."""

    location: str
    record: str | None
    reason: str


@dataclass
class ParseReport:
    """What a parse counted and set aside: counters by key and quarantined rows."""

    counts: Counter[str] = field(default_factory=Counter)
    quarantined: list[Quarantined] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        """Count ``n`` occurrences of ``key``."""
        self.counts[key] += n

    def quarantine(self, location: str, record: str | None, reason: str) -> None:
        """Set a row aside with the reason (and count it under ``quarantined``)."""
        self.quarantined.append(Quarantined(location, record, reason))
        self.count("quarantined")


@dataclass
class ParsedList:
    """One snapshot of a list, parsed but not yet stored."""

    list_name: str
    format: str
    files: list[Path]
    published: str | None  # ISO date the list gives for itself, if any
    entities: list[StatementEntity] = field(default_factory=list)
    records: list[SourceRecord] = field(default_factory=list)
    report: ParseReport = field(default_factory=lambda: ParseReport())

    def add(self, entity: StatementEntity, record: SourceRecord | None = None) -> None:
        """Add an entity (and the record it came from)."""
        self.entities.append(entity)
        if record is not None:
            self.records.append(record)


def schema_names() -> list[str]:
    """Every followthemoney schema name (used to validate ``--schema`` options)."""
    return sorted(model.schemata)

"""One OFAC SDN record -> followthemoney entities, every statement with ``origin`` = ent_num.

A record gives a main entity (``ofac-<ent_num>``: Person, Organization, Vessel or Airplane by
``SDN_Type``), its ``Sanction`` (``ofac-<ent_num>-sanction``) and sub-entities whose ids hash
their content: identity documents, addresses, crypto wallets, owner and links
(``ofac-<ent_num>-passport-<hash>``). Remark facts come from
:mod:`vigil.register.sources.ofac_remarks`.

Choices:

* ``a.k.a.`` names in the remarks are **weak** aliases (OFAC's legacy format keeps the strong
  ones as ``alt.csv`` rows; the single-file export drops those);
* an IMO number failing its check digit on a vessel is kept as ``imoNumber`` and the problem is
  added as a ``notes`` value ("IMO 1234567 fails its check digit"); an MMSI with an unassigned
  MID likewise. ``Vessel Registration Identification 8606173`` (no ``IMO`` label) is kept as a
  ``registrationNumber``, since OFAC does not say it is an IMO number;
* ``Linked To: NAME`` becomes an ``UnknownLink`` when NAME is the ``SDN_Name`` of exactly one
  record of the same file (compared case-, space- and final-stop-insensitively); otherwise a
  ``notes`` value ``Linked To (unresolved): NAME`` is added and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from followthemoney import StatementEntity

from vigil.register.identifiers import imo_problem, parse_mmsi
from vigil.register.model import SourceRecord, make_entity
from vigil.register.sources.ofac_remarks import Fact, parse_remarks
from vigil.register.sources.provenance import ParseReport, add_value, normalize_name, sub_id

if TYPE_CHECKING:
    from vigil.register.sources.ofac_csv import Row, SdnRecord

LIST: Final = "ofac"
AUTHORITY: Final = "US OFAC"
SCHEMAS: Final = {"individual": "Person", "": "Organization", "vessel": "Vessel",
                  "aircraft": "Airplane"}  # fmt: skip
# sdn.csv columns -> property of the main entity (where its schema has the property).
COLUMN_PROPS: Final = {"SDN_Name": "name", "Call_Sign": "callSign", "Vess_type": "type",
                       "Tonnage": "tonnage", "GRT": "grossRegisteredTonnage",
                       "Vess_flag": "flag"}  # fmt: skip
TITLE_PROP: Final = {"Person": "position"}  # other schemas: notes
ALT_TYPES: Final = {"aka": "alias", "fka": "previousName", "nka": "alias"}
# remark document fact -> (schema of the document entity, property of the holder)
DOCUMENTS: Final = {"Passport": ("Passport", "passportNumber"),
                    "idNumber": ("Identification", "idNumber"),
                    "socialSecurityNumber": ("Identification", "socialSecurityNumber")}  # fmt: skip


def main_id(ent_num: str) -> str:
    """The entity id of an SDN record."""
    return f"ofac-{ent_num}"


def name_index(records: Iterable[tuple[str, str]]) -> dict[str, str | None]:
    """Normalised SDN_Name -> ent_num (None when two records share the name)."""
    index: dict[str, str | None] = {}
    for ent_num, name in records:
        key = normalize_name(name)
        index[key] = None if key in index else ent_num
    return index


class _Record:
    """The entities of one record while they are built."""

    def __init__(self, record: SdnRecord, names: dict[str, str | None], report: ParseReport):
        self.record = record
        self.origin = record.ent_num
        self.names = names
        self.report = report
        schema = SCHEMAS[record.row.values["SDN_Type"]]
        self.main = make_entity(LIST, schema, main_id(record.ent_num))
        self.sanction = make_entity(LIST, "Sanction", sub_id(self.main.id or "", "sanction"))
        self.others: dict[str, StatementEntity] = {}  # by id: a repeated value is one entity

    def put(
        self, entity: StatementEntity, prop: str, value: str | None, original: str = ""
    ) -> None:
        add_value(entity, prop, value, self.origin, self.report, original or None)

    def new(self, schema: str, kind: str, *content: str | None) -> StatementEntity:
        entity_id = sub_id(self.main.id or "", kind, *content)
        if entity_id not in self.others:
            self.others[entity_id] = make_entity(LIST, schema, entity_id)
        return self.others[entity_id]

    def columns(self) -> None:
        values = self.record.row.values
        for column, prop in COLUMN_PROPS.items():
            self.put(self.main, prop, values[column])
        self.put(self.main, TITLE_PROP.get(self.main.schema.name, "notes"), values["Title"])
        self.put(self.main, "topics", "sanction")
        if values["Vess_owner"]:
            self.owner(values["Vess_owner"])

    def sanction_entity(self) -> None:
        values = self.record.row.values
        self.put(self.sanction, "entity", self.main.id)
        self.put(self.sanction, "authority", AUTHORITY)
        self.put(self.sanction, "country", "us")
        self.put(self.sanction, "authorityId", self.record.ent_num)
        for program in values["Program"].strip("[] ").split("] ["):
            self.put(self.sanction, "program", program)
            self.put(self.sanction, "programId", program)
            self.put(self.main, "programId", program)

    def owner(self, name: str) -> None:
        ent_num = self.names.get(normalize_name(name))
        owner_id = main_id(ent_num) if ent_num else None
        if owner_id is None:
            org = self.new("Organization", "owner-org", normalize_name(name))
            self.put(org, "name", name)
            owner_id = org.id
        ownership = self.new("Ownership", "ownership", owner_id)
        self.put(ownership, "owner", owner_id, original=name)
        self.put(ownership, "asset", self.main.id)
        self.put(ownership, "role", "Vess_owner")

    def link(self, fact: Fact) -> None:
        ent_num = self.names.get(normalize_name(fact.value))
        if ent_num is None or ent_num == self.record.ent_num:
            self.put(self.main, "notes", f"{fact.prop} (unresolved): {fact.value}")
            self.report.count("links unresolved")
            return
        link = self.new("UnknownLink", "link", fact.prop, ent_num)
        self.put(link, "subject", self.main.id)
        self.put(link, "object", main_id(ent_num), original=fact.value)
        self.put(link, "role", fact.prop)
        self.report.count("links resolved")

    def document(self, fact: Fact) -> None:
        schema, holder_prop = DOCUMENTS[fact.prop]
        doc = self.new(schema, schema.lower(), fact.label, fact.value, fact.country)
        self.put(doc, "holder", self.main.id)
        self.put(doc, "number", fact.value, original=fact.text)
        self.put(doc, "type", fact.label)
        self.put(doc, "country", fact.country)
        self.put(doc, "startDate", fact.issued)
        self.put(doc, "endDate", fact.expires)
        self.put(self.main, holder_prop, fact.value, original=fact.text)

    def wallet(self, fact: Fact) -> None:
        wallet = self.new("CryptoWallet", "wallet", fact.country, fact.value)
        self.put(wallet, "publicKey", fact.value, original=fact.text)
        self.put(wallet, "currency", fact.country)
        self.put(wallet, "holder", self.main.id)

    def identifier(self, fact: Fact) -> None:
        self.put(self.main, fact.prop, fact.value, original=fact.text)
        if self.main.schema.name != "Vessel":
            return  # company IMO numbers use another check digit
        problem = imo_problem(fact.value) if fact.prop == "imoNumber" else None
        if fact.prop == "mmsi" and not (info := parse_mmsi(fact.value)).valid:
            problem = f"MMSI {fact.value} is not valid ({info.kind}, MID {info.mid})"
        if problem:
            self.put(self.main, "notes", problem)
            self.report.count(f"invalid {fact.prop}")

    def fact(self, fact: Fact) -> None:
        if fact.kind == "link":
            self.link(fact)
        elif fact.kind == "document":
            self.document(fact)
        elif fact.kind == "wallet":
            self.wallet(fact)
        elif fact.kind == "imo" or fact.prop == "mmsi":
            self.identifier(fact)
        elif fact.kind in ("provision", "sanction-date"):
            self.put(self.sanction, fact.prop, fact.value, original=fact.text)
        else:
            self.put(self.main, fact.prop, fact.value, original=fact.text)

    def remarks(self) -> None:
        remarks = self.record.remarks
        if not remarks:
            return
        self.put(self.main, "notes", remarks)
        facts, unparsed = parse_remarks(remarks)
        for fact in facts:
            self.fact(fact)
        self.report.count("remark parts unparsed", len(unparsed))

    def address(self, row: Row) -> None:
        v = row.values
        parts = (v["Address"], v["City/State/Province/Postal Code"], v["Country"])
        address = self.new("Address", "address", *parts)
        full = ", ".join(part for part in parts if part)
        self.put(address, "full", full)
        self.put(address, "street", v["Address"])
        self.put(address, "city", v["City/State/Province/Postal Code"])
        self.put(address, "country", v["Country"])
        self.put(address, "remarks", v["Add_remarks"])
        self.put(self.main, "addressEntity", address.id)
        self.put(self.main, "address", full)

    def alias(self, row: Row) -> None:
        alt_type = row.values["alt_type"].lower()
        if alt_type not in ALT_TYPES:
            self.report.count(f"alt_type {alt_type!r} read as aka")
        self.put(self.main, ALT_TYPES.get(alt_type, "alias"), row.values["alt_name"])


def build_record(
    record: SdnRecord, names: dict[str, str | None], report: ParseReport
) -> tuple[list[StatementEntity], SourceRecord]:
    """The entities of one record (main entity first, then its Sanction) and its raw record."""
    built = _Record(record, names, report)
    built.columns()
    built.sanction_entity()
    built.remarks()
    for row in record.addresses:
        built.address(row)
    for row in record.aliases:
        built.alias(row)
    source = SourceRecord(
        record_id=record.ent_num,
        entity_id=built.main.id or "",
        location=record.row.location,
        raw=record.raw,
    )
    return [built.main, built.sanction, *built.others.values()], source

"""The UN Security Council Consolidated List, XML as published (``CONSOLIDATED_LIST``).

Every field of an ``INDIVIDUAL`` or ``ENTITY`` record is mapped to followthemoney (tables below),
and the record's verbatim XML is kept as its :class:`~vigil.register.model.SourceRecord`.
Statements carry the record's ``REFERENCE_NUMBER`` (``KPi.001``) as their origin.

The XML is treated as hostile: no DTD is loaded, no entity is resolved, nothing is fetched
from the network, and a document that declares a DTD at all is refused (the UN never sends one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from followthemoney import StatementEntity
from lxml import etree

from vigil.register.errors import ListFormatError
from vigil.register.model import ParsedList, SourceRecord, make_entity
from vigil.register.sources.provenance import sub_id

FORMAT: Final = "un-xml"
LIST: Final = "un"
AUTHORITY: Final = "United Nations Security Council"

# Simple child elements of a record: tag -> property of the main entity.
PERSON_FIELDS: Final = {
    "FIRST_NAME": "firstName",
    "SECOND_NAME": "secondName",
    "THIRD_NAME": "middleName",
    "FOURTH_NAME": "middleName",
    "GENDER": "gender",
    "COMMENTS1": "notes",
    "NAME_ORIGINAL_SCRIPT": "alias",
    "TITLE/VALUE": "title",
    "DESIGNATION/VALUE": "position",
    "NATIONALITY/VALUE": "nationality",
}
ENTITY_FIELDS: Final = {"COMMENTS1": "notes", "NAME_ORIGINAL_SCRIPT": "alias"}
# Simple child elements -> property of the record's Sanction.
SANCTION_FIELDS: Final = {
    "UN_LIST_TYPE": "program",
    "REFERENCE_NUMBER": "unscId",
    "DATAID": "authorityId",
    "LISTED_ON": "listingDate",
    "LIST_TYPE/VALUE": "provisions",
    "LAST_DAY_UPDATED/VALUE": "modifiedAt",
}
NAME_PARTS: Final = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# Alias QUALITY -> property. "Low" quality aliases are weak (OFAC and the UN both say so).
ALIAS_QUALITY: Final = {
    "good": "alias",
    "a.k.a.": "alias",
    "": "alias",
    "low": "weakAlias",
    "f.k.a.": "previousName",
}
ADDRESS_PARTS: Final = {
    "STREET": "street",
    "CITY": "city",
    "STATE_PROVINCE": "state",
    "ZIP_CODE": "postalCode",
    "COUNTRY": "country",
    "NOTE": "remarks",
}
DOCUMENT_PARTS: Final = {
    "TYPE_OF_DOCUMENT": "type",
    "TYPE_OF_DOCUMENT2": "type",
    "NUMBER": "number",
    "ISSUING_COUNTRY": "country",
    "COUNTRY_OF_ISSUE": "country",
    "DATE_OF_ISSUE": "startDate",
    "CITY_OF_ISSUE": "authority",
    "NOTE": "summary",
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def sniff(path: Path) -> bool:
    """Whether ``path`` looks like the UN consolidated list XML."""
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b"<CONSOLIDATED_LIST" in head


def _texts(element: etree._Element, path: str) -> list[str]:
    """The non-empty texts at ``TAG`` or ``TAG/CHILD`` below ``element`` (without XPath: speed)."""
    tag, _, sub = path.partition("/")
    values = []
    for child in element.iterchildren(tag):
        for node in child.iterchildren(sub) if sub else (child,):
            text = (node.text or "").strip()
            if text:
                values.append(text)
    return values


def _text(element: etree._Element, path: str) -> str | None:
    values = _texts(element, path)
    return values[0] if values else None


def _load(path: Path) -> etree._Element:
    if not path.is_file():
        raise ListFormatError(path, "no such file")
    if path.stat().st_size == 0:
        raise ListFormatError(path, "file is empty")
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise ListFormatError(path, f"malformed XML: {exc.msg}", line=line) from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ListFormatError(
            path, "refused: the document declares a DTD (entities are not allowed)"
        )
    root = tree.getroot()
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(
            path, f"not a UN consolidated list: root element is <{root.tag}>", line=root.sourceline
        )
    return root


def parse(path: Path) -> ParsedList:
    """Parse one snapshot of the UN consolidated list."""
    root = _load(path)
    generated = root.get("dateGenerated")
    parsed = ParsedList(LIST, FORMAT, [path], generated[:10] if generated else None)
    seen: set[str] = set()
    for group, tag, schema in (
        ("INDIVIDUALS", "INDIVIDUAL", "Person"),
        ("ENTITIES", "ENTITY", "Organization"),
    ):
        for element in root.iterfind(f"{group}/{tag}"):
            ref = _text(element, "REFERENCE_NUMBER")
            if ref is None:
                raise ListFormatError(
                    path, f"<{tag}> without REFERENCE_NUMBER", line=element.sourceline
                )
            if ref in seen:
                raise ListFormatError(
                    path, "duplicate REFERENCE_NUMBER", line=element.sourceline, record=ref
                )
            seen.add(ref)
            for entity in _record(element, schema, ref):
                parsed.add(entity)
            raw = etree.tostring(element, encoding="unicode", with_tail=False)
            parsed.records.append(
                SourceRecord(ref, entity_id(ref), f"line {element.sourceline}", raw)
            )
    if not seen:
        raise ListFormatError(path, "the list holds no INDIVIDUAL or ENTITY record")
    return parsed


def entity_id(reference: str) -> str:
    """The register id of a UN record: ``KPi.001`` -> ``un-kpi-001``."""
    return "un-" + reference.lower().replace(".", "-").replace(" ", "")


def _record(element: etree._Element, schema: str, ref: str) -> list[StatementEntity]:
    main_id = entity_id(ref)
    main = make_entity(LIST, schema, main_id)
    fields = PERSON_FIELDS if schema == "Person" else ENTITY_FIELDS
    for tag, prop in fields.items():
        for value in _texts(element, tag):
            main.add(prop, value, origin=ref)
    parts = [_text(element, part) for part in NAME_PARTS]
    main.add("name", " ".join(p for p in parts if p), origin=ref)
    sanction = make_entity(LIST, "Sanction", f"{main_id}-sanction")
    sanction.add("entity", main_id, origin=ref)
    sanction.add("authority", AUTHORITY, origin=ref)
    for tag, prop in SANCTION_FIELDS.items():
        for value in _texts(element, tag):
            sanction.add(prop, value, origin=ref)
    related = [sanction]
    alias_tag = "INDIVIDUAL_ALIAS" if schema == "Person" else "ENTITY_ALIAS"
    for alias in element.iterchildren(alias_tag):
        _alias(main, alias, ref)
    addr_tag = "INDIVIDUAL_ADDRESS" if schema == "Person" else "ENTITY_ADDRESS"
    for address in element.iterchildren(addr_tag):
        related.extend(_address(main, address, ref))
    for birth in element.iterchildren("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(main, birth, ref)
    for place in element.iterchildren("INDIVIDUAL_PLACE_OF_BIRTH"):
        _birth_place(main, place, ref)
    for document in element.iterchildren("INDIVIDUAL_DOCUMENT"):
        related.extend(_document(main, document, ref))
    return [main, *related]


def _alias(main: StatementEntity, alias: etree._Element, ref: str) -> None:
    name = _text(alias, "ALIAS_NAME")
    if name is None:
        return
    quality = (_text(alias, "QUALITY") or "").lower()
    main.add(ALIAS_QUALITY.get(quality, "alias"), name, origin=ref)
    for tag, prop in (("DATE_OF_BIRTH", "birthDate"), ("CITY_OF_BIRTH", "birthPlace")):
        for value in _texts(alias, tag):
            main.add(prop, value, origin=ref, quiet=True)
    for value in _texts(alias, "COUNTRY_OF_BIRTH"):
        main.add("birthCountry", value, origin=ref, quiet=True)
    for value in _texts(alias, "NOTE"):
        main.add("notes", f"{name}: {value}", origin=ref)


def _address(main: StatementEntity, element: etree._Element, ref: str) -> list[StatementEntity]:
    main_id = entity_id(ref)
    values = {tag: _text(element, tag) for tag in ADDRESS_PARTS}
    if not any(values.values()):
        return []
    full = ", ".join(v for t, v in values.items() if v and t != "NOTE")
    if values["COUNTRY"]:
        main.add("country", values["COUNTRY"], origin=ref)
    if not full:
        main.add("notes", f"Address: {values['NOTE']}", origin=ref)
        return []
    address = make_entity(LIST, "Address", sub_id(main_id, "address", full, values["NOTE"]))
    address.add("full", full, origin=ref)
    for tag, prop in ADDRESS_PARTS.items():
        address.add(prop, values[tag], origin=ref)
    main.add("address", full, origin=ref)
    main.add("addressEntity", address.id, origin=ref)
    return [address]


def _birth_date(main: StatementEntity, element: etree._Element, ref: str) -> None:
    for tag in ("DATE", "YEAR"):
        for value in _texts(element, tag):
            main.add("birthDate", value, origin=ref)
    start, end = _text(element, "FROM_YEAR"), _text(element, "TO_YEAR")
    if start and end and start.isdigit() and end.isdigit() and 0 <= int(end) - int(start) <= 30:
        for year in range(int(start), int(end) + 1):
            main.add("birthDate", str(year), origin=ref)
    else:
        for bound in (start, end):
            main.add("birthDate", bound, origin=ref)
    kind = _text(element, "TYPE_OF_DATE")
    note = _text(element, "NOTE")
    if (kind and kind != "EXACT") or note:
        detail = f"Date of birth ({(kind or '').lower()})".replace(" ()", "")
        main.add("notes", f"{detail}: {note}" if note else detail, origin=ref)


def _birth_place(main: StatementEntity, element: etree._Element, ref: str) -> None:
    parts = [_text(element, tag) for tag in ("CITY", "STATE_PROVINCE", "COUNTRY")]
    place = ", ".join(p for p in parts if p)
    if place:
        main.add("birthPlace", place, origin=ref)
    main.add("birthCountry", parts[2], origin=ref)
    for note in _texts(element, "NOTE"):
        main.add("notes", f"Place of birth: {note}", origin=ref)


def _document(main: StatementEntity, element: etree._Element, ref: str) -> list[StatementEntity]:
    main_id = entity_id(ref)
    values = {tag: _text(element, tag) for tag in DOCUMENT_PARTS}
    if not any(values.values()):
        return []
    kind = " ".join(v for v in (values["TYPE_OF_DOCUMENT"], values["TYPE_OF_DOCUMENT2"]) if v)
    is_passport = "pas" in kind.lower()
    number = values["NUMBER"]
    schema = "Passport" if is_passport else "Identification"
    doc = make_entity(LIST, schema, sub_id(main_id, "document", kind, number, values["NOTE"]))
    doc.add("holder", main_id, origin=ref)
    for tag, prop in DOCUMENT_PARTS.items():
        doc.add(prop, values[tag], origin=ref)
    if number:
        main.add("passportNumber" if is_passport else "idNumber", number, origin=ref)
    return [doc]

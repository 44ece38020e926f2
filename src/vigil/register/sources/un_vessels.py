"""The UN 1718 Committee's designated vessels, as a CSV file with a header row.

Columns, in this order (:data:`COLUMNS`; case, spacing and punctuation of the header are free,
so ``Vessel name`` and ``IMO number`` read as ``vessel_name`` and ``imo_number``)::

    vessel_name,imo_number,mmsi,flag,call_sign,vessel_type,designated_owner,
    date_of_designation,other_information

A row is one vessel: a ``Vessel`` entity, its ``Sanction`` (program DPRK, authority the 1718
Committee, ``listingDate`` the date of designation) and, for a designated owner, an
``Organization`` with an ``Ownership`` of the vessel. The record id, the ``origin`` of every
statement, is the vessel's IMO number (seven digits), or ``name-<hash of the name>`` when the
row has none, so ids do not move when rows are reordered. An IMO number failing its check digit
or an MMSI with an unassigned MID is kept and flagged with a ``notes`` value. The file is read
strictly: a wrong header, a row with the wrong number of fields, a row without a vessel name, an
unterminated quote or two rows for one vessel fail the whole file with its name and line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from followthemoney import StatementEntity

from vigil.register.errors import ListFormatError
from vigil.register.identifiers import imo_problem, normalize_imo, parse_mmsi
from vigil.register.model import ParsedList, SourceRecord, make_entity
from vigil.register.sources.provenance import (
    ParseReport,
    add_value,
    normalize_name,
    short_hash,
    sub_id,
)

FORMAT: Final = "un-vessels-csv"
LIST: Final = "un-vessels"
AUTHORITY: Final = "UN Security Council 1718 Committee"
PROGRAM: Final = "DPRK"
COLUMNS: Final = (
    "vessel_name",
    "imo_number",
    "mmsi",
    "flag",
    "call_sign",
    "vessel_type",
    "designated_owner",
    "date_of_designation",
    "other_information",
)
# Column -> property of the Vessel (imo_number, mmsi and designated_owner are handled apart).
VESSEL_PROPS: Final = {
    "vessel_name": "name",
    "flag": "flag",
    "call_sign": "callSign",
    "vessel_type": "type",
    "other_information": "notes",
}
SNIFF_BYTES: Final = 4096


def header_key(cell: str) -> str:
    """A header cell in the form of :data:`COLUMNS` (``"IMO number"`` -> ``"imo_number"``)."""
    return re.sub(r"[^a-z0-9]+", "_", cell.strip().lstrip("\ufeff").lower()).strip("_")


def sniff(path: Path) -> bool:
    """Whether ``path`` is a CSV file whose header row is the 1718 vessels header."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    first = head.split("\n", 1)[0].rstrip("\r")
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    return tuple(header_key(cell) for cell in cells) == COLUMNS


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ListFormatError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from err
    except OSError as err:
        raise ListFormatError(path, f"cannot be read ({err.strerror})") from err
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _rows(path: Path) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, values, verbatim text) of every row, the header first."""
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in _lines(path):
            consumed.append(line)
            yield line

    reader = csv.reader(feed(), strict=True)
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise ListFormatError(path, f"malformed CSV ({err})", line=start) from err
        raw = "".join(consumed).rstrip("\r\n")
        consumed.clear()
        yield start, values, raw
        start = reader.line_num + 1


def _record_id(path: Path, line: int, values: dict[str, str]) -> str:
    if not values["vessel_name"]:
        raise ListFormatError(path, "row has no vessel_name", line=line)
    imo = normalize_imo(values["imo_number"])
    if imo is not None:
        return imo
    return f"name-{short_hash(normalize_name(values['vessel_name']))}"


def _identifier_notes(values: dict[str, str]) -> list[str]:
    """Why the row's IMO number or MMSI is not valid (empty when both are, or are absent)."""
    problems: list[str] = []
    if values["imo_number"] and (problem := imo_problem(values["imo_number"])):
        problems.append(problem)
    if values["mmsi"] and not (info := parse_mmsi(values["mmsi"])).valid:
        problems.append(f"MMSI {values['mmsi']} is not valid ({info.kind}, MID {info.mid})")
    return problems


def _vessel(values: dict[str, str], record_id: str, report: ParseReport) -> StatementEntity:
    vessel = make_entity(LIST, "Vessel", f"unv-{record_id}")
    for column, prop in VESSEL_PROPS.items():
        add_value(vessel, prop, values[column], record_id, report)
    add_value(vessel, "topics", "sanction", record_id, report)
    imo = values["imo_number"]
    add_value(vessel, "imoNumber", normalize_imo(imo) or imo, record_id, report, imo)
    add_value(vessel, "mmsi", values["mmsi"], record_id, report)
    for problem in _identifier_notes(values):
        add_value(vessel, "notes", problem, record_id, report)
        report.count("invalid identifiers")
    return vessel


def _sanction(
    values: dict[str, str], vessel_id: str, record_id: str, report: ParseReport
) -> StatementEntity:
    sanction = make_entity(LIST, "Sanction", sub_id(vessel_id, "sanction"))
    for prop, value in (
        ("entity", vessel_id),
        ("authority", AUTHORITY),
        ("program", PROGRAM),
        ("programId", PROGRAM),
        ("listingDate", values["date_of_designation"]),
    ):
        add_value(sanction, prop, value, record_id, report)
    return sanction


def _owner(
    owner: str, vessel_id: str, record_id: str, report: ParseReport
) -> list[StatementEntity]:
    org = make_entity(LIST, "Organization", sub_id(vessel_id, "owner", normalize_name(owner)))
    add_value(org, "name", owner, record_id, report)
    ownership = make_entity(LIST, "Ownership", sub_id(vessel_id, "ownership", org.id))
    add_value(ownership, "owner", org.id, record_id, report)
    add_value(ownership, "asset", vessel_id, record_id, report)
    add_value(ownership, "role", "designated owner", record_id, report)
    return [org, ownership]


def _check_header(path: Path, header: list[str]) -> None:
    keys = tuple(header_key(cell) for cell in header)
    if keys != COLUMNS:
        message = f"header {keys} is not the 1718 vessels header {COLUMNS}"
        raise ListFormatError(path, message, line=1)


def parse_with_report(path: Path) -> tuple[ParsedList, ParseReport]:
    """Parse a 1718 designated vessels CSV; also return what was counted."""
    rows = _rows(path)
    first = next(rows, None)
    if first is None:
        raise ListFormatError(path, "empty file (no header row)")
    _check_header(path, first[1])
    parsed = ParsedList(list_name=LIST, format=FORMAT, files=[path], published=None)
    report = ParseReport()
    seen: dict[str, int] = {}
    for line, cells, raw in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(COLUMNS):
            message = f"{len(cells)} fields, expected {len(COLUMNS)}"
            raise ListFormatError(path, message, line=line)
        values = dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True))
        record_id = _record_id(path, line, values)
        if record_id in seen:
            message = f"vessel {record_id} already on line {seen[record_id]}"
            raise ListFormatError(path, message, line=line, record=record_id)
        seen[record_id] = line
        vessel = _vessel(values, record_id, report)
        vessel_id = vessel.id or ""
        parsed.add(vessel, SourceRecord(record_id, vessel_id, f"{path.name}:{line}", raw))
        parsed.add(_sanction(values, vessel_id, record_id, report))
        if values["designated_owner"]:
            for entity in _owner(values["designated_owner"], vessel_id, record_id, report):
                parsed.add(entity)
    if not seen:
        raise ListFormatError(path, "no records (header only)")
    report.count("records", len(seen))
    return parsed, report


def parse(path: Path) -> ParsedList:
    """Parse a UN 1718 Committee designated vessels CSV file."""
    parsed, report = parse_with_report(path)
    parsed.report = report
    return parsed

"""OFAC's legacy SDN CSV files (``sdn.csv`` with ``add.csv``, ``alt.csv``, ``sdn_comments.csv``).

The files have no header, quote text fields, write ``-0-`` for an empty field, end lines with
CRLF and the file with an 0x1A (DOS end-of-file) byte. No field spans lines, so each physical
line is read as one record, strictly: a line with an unterminated quote (a truncated file) or
the wrong number of columns fails the whole file, naming it and the line. Rows of the side files
that name no ``sdn.csv`` record are quarantined with the reason.

:func:`parse` accepts an ``sdn.csv`` path (its side files are read from the same folder when
present) or a folder holding ``sdn.csv``. Records become entities in
:mod:`vigil.register.sources.ofac_build`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from vigil.register.errors import ListFormatError
from vigil.register.model import ParsedList
from vigil.register.sources.ofac_build import build_record, name_index
from vigil.register.sources.provenance import ParseReport

FORMAT: Final = "ofac-csv"
LIST: Final = "ofac"
SDN_FILE: Final = "sdn.csv"
# File name -> its columns, in order (OFAC's names).
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "sdn.csv": (
        "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
        "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks",
    ),
    "add.csv": ("ent_num", "add_num", "Address", "City/State/Province/Postal Code", "Country",
                "Add_remarks"),
    "alt.csv": ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    "sdn_comments.csv": ("ent_num", "Remarks_Extended"),
}  # fmt: skip
SDN_TYPES: Final = frozenset({"individual", "vessel", "aircraft", ""})
EMPTY: Final = "-0-"
EOF_BYTE: Final = "\x1a"
SNIFF_BYTES: Final = 4096


@dataclass(frozen=True)
class Row:
    """One line of one of the files: its values (``-0-`` -> ""), line number and text."""

    file: str
    line: int
    values: dict[str, str]
    raw: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class SdnRecord:
    """An ``sdn.csv`` row with its remarks continuation, addresses and aliases."""

    row: Row
    comments: list[Row] = field(default_factory=list)
    addresses: list[Row] = field(default_factory=list)
    aliases: list[Row] = field(default_factory=list)

    @property
    def ent_num(self) -> str:
        return self.row.values["ent_num"]

    @property
    def remarks(self) -> str:
        return self.row.values["Remarks"] + "".join(
            c.values["Remarks_Extended"] for c in self.comments
        )

    @property
    def raw(self) -> str:
        rows = [self.row, *self.comments, *self.addresses, *self.aliases]
        return "\n".join(row.raw for row in rows)


def _text(path: Path) -> str:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise ListFormatError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from err
    except OSError as err:
        raise ListFormatError(path, f"cannot be read ({err.strerror})") from err
    return text.removesuffix(EOF_BYTE)


def _split(path: Path, line: str, number: int, width: int) -> list[str]:
    try:
        values = next(csv.reader([line], strict=True))
    except csv.Error as err:
        raise ListFormatError(path, f"malformed CSV line ({err})", line=number) from err
    if len(values) != width:
        message = f"{len(values)} columns, expected {width} ({path.name} has no header)"
        raise ListFormatError(path, message, line=number)
    return values


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    """Every row of one file; fails on a malformed line or a non-numeric ``ent_num``."""
    # split on "\n" only: str.splitlines() would also split on \x1c, \x85, \u2028 in a field
    for number, line in enumerate(_text(path).split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        values = [v.strip() for v in _split(path, line, number, len(columns))]
        if not values[0].isdigit():
            raise ListFormatError(path, f"ent_num {values[0]!r} is not a number", line=number)
        cleaned = {col: ("" if v == EMPTY else v) for col, v in zip(columns, values, strict=True)}
        yield Row(path.name, number, cleaned, line)


def _sdn_path(path: Path) -> Path:
    return path / SDN_FILE if path.is_dir() else path


def sniff(path: Path) -> bool:
    """Whether ``path`` looks like an OFAC legacy ``sdn.csv`` (or a folder holding one)."""
    path = _sdn_path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    try:
        values = [v.strip() for v in next(csv.reader([first], strict=True))]
    except (csv.Error, StopIteration):
        return False
    return (
        len(values) == len(COLUMNS[SDN_FILE])
        and values[0].isdigit()
        and (values[2] if values[2] != EMPTY else "") in SDN_TYPES
    )


def _read_records(sdn_path: Path) -> dict[str, SdnRecord]:
    records: dict[str, SdnRecord] = {}
    for row in read_rows(sdn_path, COLUMNS[SDN_FILE]):
        if row.values["SDN_Type"] not in SDN_TYPES:
            message = f"unknown SDN_Type {row.values['SDN_Type']!r}"
            raise ListFormatError(sdn_path, message, line=row.line, record=row.values["ent_num"])
        if row.values["ent_num"] in records:
            message = "duplicate ent_num (first on line "
            message += f"{records[row.values['ent_num']].row.line})"
            raise ListFormatError(sdn_path, message, line=row.line, record=row.values["ent_num"])
        records[row.values["ent_num"]] = SdnRecord(row)
    if not records:
        raise ListFormatError(sdn_path, "no records (empty file)")
    return records


def _attach(side: Path, records: dict[str, SdnRecord], report: ParseReport) -> None:
    for row in read_rows(side, COLUMNS[side.name]):
        record = records.get(row.values["ent_num"])
        if record is None:
            report.quarantine(row.location, row.values["ent_num"], "ent_num not in sdn.csv")
            continue
        {"sdn_comments.csv": record.comments, "add.csv": record.addresses}.get(
            side.name, record.aliases
        ).append(row)
        report.count(side.name)


def parse_with_report(path: Path) -> tuple[ParsedList, ParseReport]:
    """Parse an OFAC snapshot; also return what was counted and quarantined."""
    sdn_path = _sdn_path(path)
    if not sdn_path.is_file():
        raise ListFormatError(path, f"no {SDN_FILE} here")
    report = ParseReport()
    records = _read_records(sdn_path)
    files = [sdn_path]
    for name in ("sdn_comments.csv", "add.csv", "alt.csv"):
        side = sdn_path.with_name(name)
        if side.is_file():
            _attach(side, records, report)
            files.append(side)
    parsed = ParsedList(list_name=LIST, format=FORMAT, files=files, published=None)
    names = name_index((r.ent_num, r.row.values["SDN_Name"]) for r in records.values())
    for record in records.values():
        entities, source = build_record(record, names, report)
        parsed.add(entities[0], source)
        for entity in entities[1:]:
            parsed.add(entity)
    report.count("records", len(records))
    return parsed, report


def parse(path: Path) -> ParsedList:
    """Parse an OFAC legacy CSV snapshot (an ``sdn.csv`` file or a folder holding one)."""
    parsed, report = parse_with_report(path)
    parsed.report = report
    return parsed

"""The UN 1718 designated vessels CSV: the fixture, header variants, flags, broken input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from followthemoney import StatementEntity
from tests.data import OFAC_2024, UN_XML

from vigil.register.errors import ListFormatError
from vigil.register.identifiers import imo_is_valid
from vigil.register.model import ParsedList
from vigil.register.sources import un_vessels

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "register" / "un_1718_vessels.csv"
HEADER = ",".join(un_vessels.COLUMNS) + "\n"


def entity(result: ParsedList, entity_id: str) -> StatementEntity:
    return next(e for e in result.entities if e.id == entity_id)


def write(tmp_path: Path, text: str, name: str = "vessels.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_parses_with_imo_record_ids() -> None:
    result, report = un_vessels.parse_with_report(FIXTURE)
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(result.records) == len(rows) == 21
    assert [r.record_id for r in result.records] == [row["imo_number"] for row in rows]
    assert all(imo_is_valid(r.record_id) for r in result.records)
    assert report.counts["invalid identifiers"] == 0
    for entity_ in result.entities:
        for stmt in entity_.statements:
            if stmt.prop != "id":
                assert (entity_.id or "").startswith(f"unv-{stmt.origin}")


def test_fixture_agrees_with_ofac() -> None:
    """Every fixture vessel is on OFAC's 2024 list under the same name and IMO number."""
    ofac = OFAC_2024.read_text(encoding="utf-8")
    with FIXTURE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            line = next(x for x in ofac.splitlines() if f',"{row["vessel_name"]}","vessel"' in x)
            assert f"IMO {row['imo_number']}" in line


def test_vessel_sanction_and_owner() -> None:
    result = un_vessels.parse(FIXTURE)
    vessel = entity(result, "unv-8660313")  # CHON MA SAN
    assert vessel.get("name") == ["CHON MA SAN"] and vessel.get("flag") == ["kp"]
    assert vessel.get("imoNumber") == ["8660313"]
    sanction = entity(result, "unv-8660313-sanction")
    assert sanction.get("entity") == ["unv-8660313"]
    assert sanction.get("program") == ["DPRK"]
    assert sanction.get("authority") == ["UN Security Council 1718 Committee"]
    assert sanction.get("listingDate") == ["2018-03-30"]
    (ownership,) = [
        e for e in result.entities if e.schema.name == "Ownership" and e.get("asset") == [vessel.id]
    ]
    owner = entity(result, ownership.first("owner") or "")
    assert owner.get("name") == ["KOREA ACHIM SHIPPING CO"]
    record = next(r for r in result.records if r.record_id == "8660313")
    assert record.raw.startswith("CHON MA SAN,8660313,") and record.location.endswith(":6")


def test_header_variants_and_identifier_flags(tmp_path: Path) -> None:
    text = (
        "Vessel name,IMO number,MMSI,Flag,Call sign,Vessel type,Designated owner,"
        "Date of designation,Other information\r\n"
        "GOOD SHIP,IMO 9 417 115,445123456,Korea (DPRK),HMAA,Tanker,,30 March 2018,\r\n"
        'BAD IMO,8705538,299000000,,,,,2018-03-30,"two\nlines"\r\n'
        "NO IMO,,,Panama,,,,,\r\n"
    )
    result, report = un_vessels.parse_with_report(write(tmp_path, text))
    ids = [r.record_id for r in result.records]
    assert ids[:2] == ["9417115", "8705538"] and ids[2].startswith("name-")
    good = entity(result, "unv-9417115")
    assert good.get("mmsi") == ["445123456"] and good.get("type") == ["Tanker"]
    assert not good.get("notes")
    bad = entity(result, "unv-8705538")
    assert bad.get("imoNumber") == ["8705538"]  # kept ...
    assert set(bad.get("notes")) == {  # ... and flagged
        "two\nlines",
        "IMO 8705538 fails its check digit",
        "MMSI 299000000 is not valid (ship, MID 299)",
    }
    assert report.counts["invalid identifiers"] == 2
    assert [r.location for r in result.records] == [
        "vessels.csv:2",
        "vessels.csv:3",
        "vessels.csv:5",
    ]
    assert result.records[1].raw == 'BAD IMO,8705538,299000000,,,,,2018-03-30,"two\nlines"'


def test_record_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    rows = ["NO IMO A,,,,,,,,", "NO IMO B,,,,,,,,", "KOTI,9417115,,,,,,,"]
    first = un_vessels.parse(write(tmp_path, HEADER + "\n".join(rows), "a.csv"))
    second = un_vessels.parse(write(tmp_path, HEADER + "\n".join(reversed(rows)), "b.csv"))
    assert {e.id for e in first.entities} == {e.id for e in second.entities}


def test_sniff() -> None:
    assert un_vessels.sniff(FIXTURE)
    assert not un_vessels.sniff(OFAC_2024)
    assert not un_vessels.sniff(UN_XML)
    assert not un_vessels.sniff(FIXTURE.parent)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", None, "empty file"),
        (HEADER, None, "header only"),
        ("name,imo\nKOTI,9417115\n", 1, "is not the 1718 vessels header"),
        (HEADER + "KOTI,9417115,,,\n", 2, "5 fields, expected 9"),
        (HEADER + 'KOTI,9417115,,,,,,,"unterminated\n', 2, "malformed CSV"),
        (HEADER + "KOTI,9417115,,,,,,,\nKOTI 2,IMO 9417115,,,,,,,\n", 3, "already on line 2"),
        (HEADER + ",9417115,,,,,,,\n", 2, "no vessel_name"),
    ],
)
def test_bad_input_fails_with_file_and_line(
    tmp_path: Path, text: str, line: int | None, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ListFormatError) as err:
        un_vessels.parse(path)
    assert err.value.line == line
    assert reason in str(err.value) and str(err.value).startswith(str(path))


def test_ofac_file_is_not_un_vessels() -> None:
    with pytest.raises(ListFormatError, match="not the 1718 vessels header"):
        un_vessels.parse(OFAC_2024)

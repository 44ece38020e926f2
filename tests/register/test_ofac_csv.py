"""OFAC's legacy SDN CSV: counts on real snapshots, provenance, side files, broken input."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from followthemoney import StatementEntity
from tests.data import OFAC_2021, OFAC_2024, UN_XML

from vigil.register.errors import ListFormatError
from vigil.register.model import DPRK_PROGRAMS, ParsedList
from vigil.register.sources import ofac_csv
from vigil.register.sources.provenance import ParseReport

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "register"
SUB_ID = re.compile(r"^ofac-(\d+)(?:-[a-z-]+(?:-[0-9a-f]{10})?)?$")


@cache
def parsed(path: Path) -> tuple[ParsedList, ParseReport]:
    return ofac_csv.parse_with_report(path)


def by_id(path: Path) -> dict[str, StatementEntity]:
    return {e.id or "": e for e in parsed(path)[0].entities}


def sdn_lines(path: Path) -> list[str]:
    """The record lines of an sdn.csv, read independently of the parser."""
    data = path.read_bytes().decode("utf-8").rstrip("\x1a")
    return [line for line in data.split("\r\n") if line]


def test_2024_counts_every_row_once() -> None:
    result, report = parsed(OFAC_2024)
    lines = sdn_lines(OFAC_2024)
    # 14,965 records: PROVENANCE.md says 14,966 rows, counting the final 0x1A line as a row.
    assert len(result.records) == len(lines) == 14_965
    assert report.counts["records"] == 14_965
    assert {r.record_id for r in result.records} == {line.split(",", 1)[0] for line in lines}
    assert sum(e.schema.name == "Sanction" for e in result.entities) == 14_965


def test_2024_dprk_vessels() -> None:
    entities = by_id(OFAC_2024)
    vessels = [
        entities[s.first("entity") or ""]
        for s in entities.values()
        if s.schema.name == "Sanction" and set(s.get("program")) & DPRK_PROGRAMS
    ]
    dprk_vessels = [v for v in vessels if v.schema.name == "Vessel"]
    assert len(dprk_vessels) == 105
    assert sum(bool(v.get("imoNumber")) for v in dprk_vessels) == 104
    unlabelled = [v for v in dprk_vessels if not v.get("imoNumber")]
    assert [v.get("registrationNumber") for v in unlabelled] == [["8606173"]]  # RYONG GUN BONG


def test_every_statement_names_its_record() -> None:
    result, _ = parsed(OFAC_2024)
    record_ids = {r.record_id for r in result.records}
    for entity in result.entities:
        m = SUB_ID.match(entity.id or "")
        assert m is not None, entity.id
        for stmt in entity.statements:
            if stmt.prop != "id":
                assert stmt.origin == m.group(1), (entity.id, stmt.prop)
        assert m.group(1) in record_ids


def test_source_records_are_verbatim() -> None:
    result, _ = parsed(OFAC_2024)
    lines = sdn_lines(OFAC_2024)
    for number in (1, 7000, len(lines)):
        record = result.records[number - 1]
        assert record.raw == lines[number - 1]
        assert record.location == f"{OFAC_2024.name}:{number}"
        assert record.entity_id == f"ofac-{record.record_id}"


def values(path: Path, entity_id: str) -> dict[str, set[str]]:
    entity = by_id(path)[entity_id]
    return {prop: set(entity.get(prop)) for prop in entity.properties}


@pytest.mark.parametrize(
    ("entity_id", "prop", "expected"),
    [
        ("ofac-17069", "name", {"CHONG CHON GANG"}),
        ("ofac-17069", "imoNumber", {"7937317"}),
        ("ofac-17069", "flag", {"kp"}),
        ("ofac-17069", "type", {"General Cargo"}),
        ("ofac-17069-sanction", "program", {"DPRK"}),
        ("ofac-17069-sanction", "authorityId", {"17069"}),
        ("ofac-17069-sanction", "authority", {"US OFAC"}),
        ("ofac-28263-sanction", "program", {"DPRK3", "CYBER2"}),
        ("ofac-23764", "tonnage", {"10030"}),  # HUA FU, "10,030"
        ("ofac-17616", "birthDate", {"1965-08-07"}),
        ("ofac-17616", "nationality", {"kp"}),
        ("ofac-17616", "position", {"KOMID official in Syria"}),
        ("ofac-17616", "passportNumber", {"563410081"}),
        ("ofac-7782", "birthDate", {"1951"}),  # "DOB circa 1951"
        ("ofac-28263", "email", {"417136259@qq.com"}),
        ("ofac-28263", "gender", {"male"}),
        ("ofac-23151", "country", {"kp"}),  # Nationality of Registration Korea, North
        ("ofac-20540", "model", {"AN24-RV"}),
        ("ofac-20540", "buildDate", {"1974"}),
        ("ofac-306", "weakAlias", {"BNC"}),
    ],
)
def test_2024_record_values(entity_id: str, prop: str, expected: set[str]) -> None:
    assert values(OFAC_2024, entity_id)[prop] == expected


def test_original_values_are_kept() -> None:
    entity = by_id(OFAC_2024)["ofac-7782"]
    (stmt,) = entity.get_statements("birthDate")
    assert (stmt.value, stmt.original_value) == ("1951", "DOB circa 1951")


def linked(path: Path, subject: str) -> set[str]:
    return {
        e.first("object") or ""
        for e in parsed(path)[0].entities
        if e.schema.name == "UnknownLink" and e.first("subject") == subject
    }


def test_linked_to_resolves_to_the_named_record() -> None:
    assert linked(OFAC_2024, "ofac-23163") == {"ofac-23151"}  # KUM UN SAN 3 -> DAWN MARINE
    assert linked(OFAC_2024, "ofac-26933") == {  # SHANG YUAN BAO -> its five links
        "ofac-26927", "ofac-26928", "ofac-26929", "ofac-26930", "ofac-26931"
    }  # fmt: skip
    notes = values(OFAC_2024, "ofac-15613")["notes"]  # aircraft operated by "Syrianair"
    assert "Aircraft Operator (unresolved): Syrianair" in notes
    assert parsed(OFAC_2024)[1].counts["links unresolved"] == 68


def test_crypto_wallets_and_documents() -> None:
    entities = parsed(OFAC_2024)[0].entities
    wallets = [e for e in entities if e.schema.name == "CryptoWallet"]
    lazarus = [w for w in wallets if w.first("holder") == "ofac-27307"]
    assert lazarus and {w.first("currency") for w in lazarus} >= {"ETH"}
    assert "0x098B716B8Aaf21512996dC57EB0615e2383E2f96" in {w.first("publicKey") for w in lazarus}
    passports = [e for e in entities if e.schema.name == "Passport"]
    (paek,) = [p for p in passports if p.first("holder") == "ofac-15667"]
    assert paek.first("number") == "381420754"
    assert (paek.first("startDate"), paek.first("endDate")) == ("2011-12-07", "2016-12-07")


def test_2021_folder_attaches_side_files() -> None:
    result, report = parsed(OFAC_2021)
    assert [f.name for f in result.files] == ["sdn.csv", "sdn_comments.csv", "add.csv", "alt.csv"]
    assert len(result.records) == len(sdn_lines(OFAC_2021 / "sdn.csv"))
    assert report.counts["add.csv"] == 13_837 and report.counts["alt.csv"] == 11_910
    assert not report.quarantined
    bank = values(OFAC_2021, "ofac-306")
    assert bank["alias"] == {"NATIONAL BANK OF CUBA"}
    assert bank["weakAlias"] == {"BNC"}
    assert len(bank["addressEntity"]) == 4
    assert "Federico Boyd Avenue & 51 Street, Panama City, Panama" in bank["address"]
    record = next(r for r in result.records if r.record_id == "306")
    assert '306,220,"aka","NATIONAL BANK OF CUBA",-0- ' in record.raw.splitlines()


def test_2021_remarks_continue_in_comments() -> None:
    lazarus = next(
        e for e in parsed(OFAC_2021)[0].entities if e.first("name", quiet=True) == "LAZARUS GROUP"
    )
    assert linked(OFAC_2021, "ofac-28263") == {lazarus.id}
    notes = values(OFAC_2021, "ofac-28263")["notes"]
    assert any(note.endswith("Linked To: LAZARUS GROUP.") for note in notes)


def test_sniff() -> None:
    assert ofac_csv.sniff(OFAC_2024)
    assert ofac_csv.sniff(OFAC_2021)
    assert ofac_csv.sniff(OFAC_2021 / "alt.csv") is False  # five columns
    assert ofac_csv.sniff(UN_XML) is False
    assert ofac_csv.sniff(FIXTURES / "un_1718_vessels.csv") is False


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


GOOD = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", None, "no records"),
        ("\x1a", None, "no records"),
        (GOOD + '173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,"Cu', 2,
         "malformed CSV line"),
        (GOOD + '173,"ANGLO",-0- ,"CUBA",-0- \r\n', 2, "5 columns, expected 12"),
        (GOOD + 'x,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n', 2,
         "ent_num 'x' is not a number"),
        (GOOD + GOOD, 2, "duplicate ent_num"),
        (GOOD.replace("-0- ,\"CUBA\"", "\"ship\",\"CUBA\""), 1, "unknown SDN_Type 'ship'"),
    ],
)  # fmt: skip
def test_bad_input_fails_with_file_and_line(
    tmp_path: Path, text: str, line: int | None, reason: str
) -> None:
    path = write(tmp_path, "sdn.csv", text)
    with pytest.raises(ListFormatError) as err:
        ofac_csv.parse(path)
    assert err.value.line == line
    assert reason in str(err.value)
    assert str(err.value).startswith(str(path))


def test_un_xml_is_not_ofac() -> None:
    assert ofac_csv.sniff(UN_XML) is False
    with pytest.raises(ListFormatError) as err:
        ofac_csv.parse(UN_XML)
    assert err.value.path == str(UN_XML) and err.value.line == 1


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(GOOD.replace("AEROCARIBBEAN", "A\xc9RO").encode("latin-1"))
    with pytest.raises(ListFormatError, match="not UTF-8"):
        ofac_csv.parse(path)
    with pytest.raises(ListFormatError, match=r"no sdn\.csv"):
        ofac_csv.parse(tmp_path / "empty")


def test_orphan_side_rows_are_quarantined(tmp_path: Path) -> None:
    sdn = write(tmp_path, "sdn.csv", GOOD + "\x1a")
    write(tmp_path, "alt.csv", '36,12,"aka","AERO-CARIBBEAN",-0- \r\n99,13,"aka","X",-0- \r\n')
    write(tmp_path, "add.csv", '36,25,-0- ,"Havana","Cuba",-0- \r\n')
    result, report = ofac_csv.parse_with_report(sdn)
    assert [(q.location, q.record) for q in report.quarantined] == [("alt.csv:2", "99")]
    assert "AERO-CARIBBEAN" in by_entity(result, "ofac-36").get("alias")
    assert by_entity(result, "ofac-36").get("address") == ["Havana, Cuba"]


def by_entity(result: ParsedList, entity_id: str) -> StatementEntity:
    return next(e for e in result.entities if e.id == entity_id)


def test_ids_do_not_depend_on_row_order(tmp_path: Path) -> None:
    lines = [line for line in sdn_lines(OFAC_2024) if "DPRK" in next(csv.reader([line]))[3]][:60]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", "sdn.csv", "\r\n".join(lines) + "\r\n")
    second = write(tmp_path / "b", "sdn.csv", "\r\n".join(reversed(lines)) + "\r\n")

    def statements(path: Path) -> set[tuple[str, str, str, str | None]]:
        return {
            (s.entity_id, s.prop, s.value, s.origin)
            for e in ofac_csv.parse(path).entities
            for s in e.statements
        }

    assert statements(first) == statements(second)

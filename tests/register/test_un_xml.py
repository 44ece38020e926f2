"""The UN consolidated list: counts, every field kept, hostile and broken XML refused."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from tests.data import UN_XML

from vigil.register.errors import ListFormatError
from vigil.register.model import ParsedList
from vigil.register.sources import un_xml


@cache
def parsed() -> ParsedList:
    return un_xml.parse(UN_XML)


def regime_counts(program: str | None) -> Counter[str]:
    by_record = {
        s.origin: s.value
        for e in parsed().entities
        if e.schema.name == "Sanction"
        for s in e.get_statements("program")
    }
    return Counter(
        e.schema.name
        for e in parsed().entities
        if e.schema.name in ("Person", "Organization")
        and (program is None or by_record[next(iter(e.statements)).origin] == program)
    )


def test_counts_dprk_and_all_regimes() -> None:
    assert regime_counts("DPRK") == {"Person": 80, "Organization": 75}
    assert regime_counts(None) == {"Person": 730, "Organization": 273}
    assert len(parsed().records) == 1003
    assert parsed().published == "2026-02-27"


def entity(entity_id: str) -> dict[str, list[str]]:
    found = [e for e in parsed().entities if e.id == entity_id]
    assert len(found) == 1, entity_id
    return found[0].properties


@pytest.mark.parametrize(
    ("entity_id", "prop", "value"),
    [
        ("un-kpi-001", "name", "YUN HO-JIN"),
        ("un-kpi-001", "alias", "Yun Ho-chin"),
        ("un-kpi-001", "birthDate", "1944-10-13"),
        ("un-kpi-001", "nationality", "kp"),
        ("un-kpi-001", "position", "Director of Namchongang Trading Corporation"),
        ("un-kpi-001", "address", "Pyongyang, Democratic People's Republic of Korea"),
        ("un-kpi-001-sanction", "listingDate", "2009-07-16"),
        ("un-kpi-001-sanction", "unscId", "KPi.001"),
        ("un-kpi-001-sanction", "program", "DPRK"),
        ("un-kpi-001-sanction", "authorityId", "690734"),
        ("un-cdi-001", "gender", "male"),
        ("un-cdi-001", "birthDate", "1971"),
    ],
)
def test_fields_kept(entity_id: str, prop: str, value: str) -> None:
    assert value in entity(entity_id)[prop]


def test_original_values_and_record_kept() -> None:
    person = next(e for e in parsed().entities if e.id == "un-kpi-001")
    (nationality,) = person.get_statements("nationality")
    assert nationality.original_value == "Democratic People's Republic of Korea"
    assert {s.origin for s in person.statements if s.prop != "id"} == {"KPi.001"}
    record = next(r for r in parsed().records if r.record_id == "KPi.001")
    assert "<VERSIONNUM>1</VERSIONNUM>" in record.raw and record.location.startswith("line ")


def test_documents_original_script_and_alias_quality() -> None:
    passports = [e for e in parsed().entities if e.schema.name == "Passport"]
    assert passports and all(p.get("holder") for p in passports)
    scripts = [
        e for e in parsed().entities if any(not a.isascii() for a in e.get("alias", quiet=True))
    ]
    assert scripts, "original-script names are kept as aliases"
    weak = [e for e in parsed().entities if e.get("weakAlias", quiet=True)]
    assert weak, "Low-quality aliases are weak aliases"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME>
<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME>
<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "DTD"),
        (XXE, "DTD"),
        ("", "empty"),
        ("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>", "malformed XML"),
        ("<OTHER/>", "not a UN consolidated list"),
        ("<CONSOLIDATED_LIST></CONSOLIDATED_LIST>", "no INDIVIDUAL or ENTITY"),
        ('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\n', "malformed XML"),
    ],
)
def test_bad_xml_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "list.xml"
    path.write_text(content)
    with pytest.raises(ListFormatError, match=message) as info:
        un_xml.parse(path)
    assert str(path) in str(info.value)


def test_truncated_real_file_names_the_line(tmp_path: Path) -> None:
    data = UN_XML.read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ListFormatError) as info:
        un_xml.parse(path)
    assert info.value.line is not None and info.value.line > 1000


def test_duplicate_reference_refused(tmp_path: Path) -> None:
    record = "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER></INDIVIDUAL>"
    path = tmp_path / "dup.xml"
    path.write_text(
        f"<CONSOLIDATED_LIST><INDIVIDUALS>{record}{record}</INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(ListFormatError, match="duplicate REFERENCE_NUMBER"):
        un_xml.parse(path)

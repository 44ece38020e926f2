"""OFAC remark parts and list date texts, read into facts (cases taken from the real files)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.register.sources.ofac_remarks import Fact, parse_part, parse_remarks, split_remarks
from vigil.register.sources.textdates import parse_date_text


@pytest.mark.parametrize(
    ("part", "kind", "prop", "value", "country"),
    [
        ("DOB circa 1951", "date", "birthDate", "circa 1951", None),
        ("POB Kaesong, DPRK", "prop", "birthPlace", "Kaesong, DPRK", None),
        ("nationality Korea, North", "prop", "nationality", "Korea, North", None),
        ("a.k.a. 'BNC'", "name", "weakAlias", "BNC", None),
        ("f.k.a. 'ANA I'", "name", "previousName", "ANA I", None),
        ("Linked To: DAWN MARINE MANAGEMENT CO LTD.", "link", "Linked To",
         "DAWN MARINE MANAGEMENT CO LTD.", None),
        ("Vessel Registration Identification IMO 8705539", "imo", "imoNumber", "8705539", None),
        ("Vessel Registration Identification 8606173", "prop", "registrationNumber", "8606173",
         None),
        ("Company Number IMO 5055293", "imo", "imoNumber", "5055293", None),
        ("MMSI 572469210", "prop", "mmsi", "572469210", None),
        ("Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "wallet",
         "publicKey", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "XBT"),
        ("Registration Number 201318227N (Singapore)", "prop", "registrationNumber",
         "201318227N", "Singapore"),
        ("SWIFT/BIC KDBKKPPY", "prop", "swiftBic", "KDBKKPPY", None),
        ("Aircraft Manufacturer's Serial Number (MSN) 1023409321", "prop", "serialNumber",
         "1023409321", None),
        ("Aircraft Operator Air Koryo", "link", "Aircraft Operator", "Air Koryo", None),
        ("Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and "
         "510.210", "provision", "provisions",
         "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and "
         "510.210", None),
        ("Listing Date (EO 14024 Directive 2): 24 Feb 2022", "sanction-date", "listingDate",
         "24 Feb 2022", None),
        ("Licensed by nobody", None, None, None, None),  # "License" needs a word boundary
        ("KOMID official in Syria", None, None, None, None),
    ],
)  # fmt: skip
def test_parse_part(
    part: str, kind: str | None, prop: str | None, value: str | None, country: str | None
) -> None:
    fact = parse_part(part)
    if kind is None:
        assert fact is None
        return
    assert fact is not None
    assert (fact.kind, fact.prop, fact.value, fact.country, fact.text) == (
        kind, prop, value, country, part
    )  # fmt: skip


@pytest.mark.parametrize(
    ("part", "label", "number", "country", "issued", "expires"),
    [
        ("Passport 381420754 issued 07 Dec 2011 expires 07 Dec 2016", "Passport", "381420754",
         None, "07 Dec 2011", "07 Dec 2016"),
        ("Passport U00618757 (Turkey) issued 12 Aug 2010 expires 11 Aug 2020", "Passport",
         "U00618757", "Turkey", "12 Aug 2010", "11 Aug 2020"),
        ("Diplomatic Passport 008827 (Iran) issued 1999", "Diplomatic Passport", "008827", "Iran",
         "1999", None),
        ("National ID No. 210602196905220510 (China)", "National ID No.", "210602196905220510",
         "China", None, None),
        ("Identification Number G563542(9) (Hong Kong)", "Identification Number", "G563542(9)",
         "Hong Kong", None, None),
    ],
)  # fmt: skip
def test_documents(
    part: str,
    label: str,
    number: str,
    country: str | None,
    issued: str | None,
    expires: str | None,
) -> None:
    assert parse_part(part) == Fact(
        "document",
        "Passport" if "Passport" in label else "idNumber",
        number,
        part,
        country=country,
        issued=issued,
        expires=expires,
        label=label,
    )


def test_split_and_parse_remarks() -> None:
    remarks = "DOB 1960 to 1962; alt. DOB 1965; Colonel; Gender Male."
    assert split_remarks(remarks) == ["DOB 1960 to 1962", "DOB 1965", "Colonel", "Gender Male"]
    facts, unparsed = parse_remarks(remarks)
    assert [f.prop for f in facts] == ["birthDate", "birthDate", "gender"]
    assert unparsed == ["Colonel"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 Dec 1948", ["1948-12-10"]),
        ("Dec 1948", ["1948-12"]),
        ("1948", ["1948"]),
        ("circa 1951", ["1951"]),
        ("circa 02 Jul 1960", ["1960-07-02"]),
        ("1960 to 1962", ["1960", "1961", "1962"]),
        ("01 Jan 1960 to 31 Dec 1962", ["1960", "1961", "1962"]),
        ("circa 1960-1962", ["1960", "1961", "1962"]),
        ("Mar 1955 to Feb 1956", ["1955-03", "1956-02"]),
        ("07 Mar 1966 to 07 Mar 1967", ["1966-03-07", "1967-03-07"]),
        ("1900 to 1990", ["1900", "1990"]),  # too long a range: its ends only
        ("30 March 2018", ["2018-03-30"]),
        ("2018-03-30", ["2018-03-30"]),
        ("31 Feb 1960", []),
        ("Foo 1960", []),
        ("unknown", []),
        ("", []),
    ],
)
def test_parse_date_text(text: str, expected: list[str]) -> None:
    assert parse_date_text(text) == expected


@given(st.dates(min_value=date(1000, 1, 1)))
def test_dates_round_trip(day: date) -> None:
    assert parse_date_text(day.strftime("%d %b %Y")) == [day.isoformat()]
    assert parse_date_text(day.strftime("%B %Y")) == [day.isoformat()[:7]]
    assert parse_date_text(day.isoformat()) == [day.isoformat()]


@given(st.text(max_size=40))
def test_parse_date_text_never_raises(text: str) -> None:
    for value in parse_date_text(text):
        assert value[:4].isdigit()

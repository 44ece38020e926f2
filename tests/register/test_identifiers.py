"""IMO numbers and MMSIs: normalisation, check digits, MID table, station kinds."""

from __future__ import annotations

import pytest
from followthemoney import registry
from hypothesis import given
from hypothesis import strategies as st
from rigour.ids.imo import IMO

from vigil.register.identifiers import (
    MMSIInfo,
    imo_check_digit,
    imo_is_valid,
    imo_problem,
    mid_country,
    normalize_imo,
    parse_mmsi,
)
from vigil.register.mid import MID_COUNTRY

six_digits = st.text(alphabet="0123456789", min_size=6, max_size=6).filter(lambda s: s != "000000")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IMO 9 123 456", "9123456"),
        ("IMO9123456", "9123456"),
        ("imo: 8705539", "8705539"),
        ("  8705539 ", "8705539"),
        ("870-5539", "8705539"),
        ("IMO 870553", None),  # six digits
        ("IMO 87055391", None),  # eight digits
        ("8705S39", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_imo(text: str | None, expected: str | None) -> None:
    assert normalize_imo(text) == expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("8705539", True),  # KUM UN SAN 3, OFAC ent_num 23163
        ("IMO 7937317", True),  # CHONG CHON GANG, OFAC ent_num 17069
        ("IMO 9 417 115", True),  # KOTI
        ("8705538", False),
        ("7937311", False),
        ("0000000", False),
        ("123", False),
    ],
)
def test_imo_is_valid(text: str, valid: bool) -> None:
    assert imo_is_valid(text) is valid
    assert (imo_problem(text) is None) is valid


def test_imo_problem_names_the_value() -> None:
    assert imo_problem("IMO 8705538") == "IMO 8705538 fails its check digit"
    assert imo_problem("87055") == "IMO '87055' is not seven digits"


@given(six_digits)
def test_computed_check_digit_validates(payload: str) -> None:
    number = payload + str(imo_check_digit(payload))
    assert imo_is_valid(number)
    assert imo_is_valid(f"IMO {number[:3]} {number[3:]}")
    assert IMO.is_valid_vessel(number)


@given(six_digits, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_invalidates(payload: str, delta: int) -> None:
    check = (imo_check_digit(payload) + delta) % 10
    assert not imo_is_valid(payload + str(check))


@given(six_digits, st.integers(min_value=0, max_value=5), st.integers(min_value=1, max_value=9))
def test_changing_one_payload_digit(payload: str, position: int, delta: int) -> None:
    """A changed digit is caught unless weight x change is a multiple of 10.

    The IMO scheme is weak there: weights 2, 4, 5 and 6 let some changes (for example +2 at the
    weight-5 position) keep the check digit; the test states exactly which ones.
    """
    number = payload + str(imo_check_digit(payload))
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    if changed[:6] == "000000":
        return
    weight = 7 - position
    undetected = (weight * (digit - int(number[position]))) % 10 == 0
    assert imo_is_valid(changed) is undetected


def test_mid_table_is_complete_and_clean() -> None:
    assert len(MID_COUNTRY) >= 280
    assert all(len(mid) == 3 and mid[0] in "234567" for mid in MID_COUNTRY)
    assert all(registry.country.clean_text(c) == c.lower() for c in MID_COUNTRY.values())


@pytest.mark.parametrize(
    ("mid", "country"),
    [
        ("445", "KP"), ("412", "CN"), ("413", "CN"), ("414", "CN"), ("440", "KR"), ("441", "KR"),
        ("351", "PA"), ("357", "PA"), ("370", "PA"), ("373", "PA"), ("273", "RU"), ("477", "HK"),
        ("511", "PW"), ("572", "TV"), ("667", "SL"), ("341", "KN"), ("457", "MN"), (574, "VN"),
        ("620", "KM"), ("229", "MT"), ("538", "MH"), ("299", None), ("999", None),
    ],
)  # fmt: skip
def test_mid_country(mid: str | int, country: str | None) -> None:
    assert mid_country(mid) == country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("445123456", MMSIInfo("445123456", True, "ship", "445", "KP")),
        ("MMSI 572469210", MMSIInfo("572469210", True, "ship", "572", "TV")),
        (412000001, MMSIInfo("412000001", True, "ship", "412", "CN")),
        ("044512345", MMSIInfo("044512345", True, "group", "445", "KP")),
        ("004451234", MMSIInfo("004451234", True, "coast", "445", "KP")),
        ("111445123", MMSIInfo("111445123", True, "sar-aircraft", "445", "KP")),
        ("844512345", MMSIInfo("844512345", True, "handheld", "445", "KP")),
        ("984401234", MMSIInfo("984401234", True, "craft", "440", "KR")),
        ("993531234", MMSIInfo("993531234", True, "aid-to-navigation", "353", "PA")),
        ("970123456", MMSIInfo("970123456", True, "ais-sart", None, None)),
        ("972123456", MMSIInfo("972123456", True, "mob", None, None)),
        ("974123456", MMSIInfo("974123456", True, "epirb", None, None)),
        ("299000000", MMSIInfo("299000000", False, "ship", "299", None)),
        ("100000000", MMSIInfo("100000000", False, "unknown", None, None)),
        ("12345678", MMSIInfo("12345678", False, "invalid", None, None)),
        ("44512345X", MMSIInfo("44512345X", False, "invalid", None, None)),
        (None, MMSIInfo("", False, "invalid", None, None)),
    ],
)
def test_parse_mmsi(text: str | int | None, expected: MMSIInfo) -> None:
    assert parse_mmsi(text) == expected


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_nine_digits_are_classified(digits: str) -> None:
    info = parse_mmsi(digits)
    assert info.mmsi == digits
    assert info.kind != "invalid"
    if info.kind == "ship":
        assert info.country == MID_COUNTRY.get(digits[:3])
        assert info.valid is (info.country is not None)
    if info.mid is not None:
        assert info.mid in digits


@given(st.text(max_size=12))
def test_parse_mmsi_never_raises(text: str) -> None:
    info = parse_mmsi(text)
    assert info.valid is (
        info.kind != "invalid"
        and info.kind != "unknown"
        and (info.mid is None or info.country is not None)
    )

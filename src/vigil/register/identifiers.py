"""Ship identifiers: IMO numbers and MMSIs, normalised and checked.

* An **IMO ship number** is seven digits; the last is a check digit: the first six digits are
  weighted 7, 6, 5, 4, 3, 2 and the sum's last digit must equal the seventh digit. The check
  itself is delegated to :meth:`rigour.ids.imo.IMO.is_valid_vessel`. IMO *company* numbers use
  another scheme and are not checked here.
* An **MMSI** is nine digits (ITU-R M.585). Its Maritime Identification Digits (MID, see
  :mod:`vigil.register.mid`) give the flag, at a place that depends on the kind of station.

Invalid identifiers are reported, never dropped: parsers keep the value and flag it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from rigour.ids.imo import IMO

from vigil.register.mid import MID_COUNTRY

_IMO_PREFIX: Final = re.compile(r"^\s*IMO(?![A-Z])[\s:.#-]*", re.IGNORECASE)
_SEPARATORS: Final = re.compile(r"[\s.-]")

MMSIKind = Literal[
    "ship",  # MIDxxxxxx
    "group",  # 0MIDxxxxx: a group of ship stations
    "coast",  # 00MIDxxxx: a coast station
    "sar-aircraft",  # 111MIDxxx: search-and-rescue aircraft
    "handheld",  # 8MIDxxxxx: handheld VHF transceiver with DSC and GNSS
    "craft",  # 98MIDxxxx: craft associated with a parent ship (tender, lifeboat)
    "aid-to-navigation",  # 99MIDxxxx
    "ais-sart",  # 970xxyyyy: AIS search-and-rescue transmitter
    "mob",  # 972xxyyyy: man-overboard device
    "epirb",  # 974xxyyyy: EPIRB with AIS
    "unknown",  # nine digits, but no known pattern
    "invalid",  # not nine digits
]
# Prefix -> (kind, offset of the MID, or None when the kind carries no MID). Longest first.
MMSI_PATTERNS: Final[tuple[tuple[str, MMSIKind, int | None], ...]] = (
    ("970", "ais-sart", None),
    ("972", "mob", None),
    ("974", "epirb", None),
    ("111", "sar-aircraft", 3),
    ("98", "craft", 2),
    ("99", "aid-to-navigation", 2),
    ("00", "coast", 2),
    ("0", "group", 1),
    ("8", "handheld", 1),
)


def normalize_imo(text: str | None) -> str | None:
    """The seven digits of an IMO number (``"IMO 9 123 456"`` -> ``"9123456"``), else None.

    A leading ``IMO`` and spaces, dots and dashes between digits are removed; anything else that
    is not a digit, or a count other than seven digits, gives None. The check digit is *not*
    tested here (see :func:`imo_is_valid`), so a mistyped number is kept for the record.
    """
    if text is None:
        return None
    digits = _SEPARATORS.sub("", _IMO_PREFIX.sub("", text))
    if len(digits) != 7 or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def imo_check_digit(six_digits: str) -> int:
    """The check digit of an IMO ship number from its first six digits."""
    if len(six_digits) != 6 or not six_digits.isdigit():
        raise ValueError(f"an IMO check digit needs six digits, got {six_digits!r}")
    return sum(int(d) * (7 - i) for i, d in enumerate(six_digits)) % 10


def imo_is_valid(text: str | None) -> bool:
    """Whether ``text`` is an IMO ship number (in any spelling) whose check digit holds."""
    digits = normalize_imo(text)
    return digits is not None and IMO.is_valid_vessel(digits)


def imo_problem(text: str) -> str | None:
    """Why ``text`` is not a valid IMO ship number (a sentence naming the value), or None."""
    digits = normalize_imo(text)
    if digits is None:
        return f"IMO {text.strip()!r} is not seven digits"
    if not IMO.is_valid_vessel(digits):
        return f"IMO {digits} fails its check digit"
    return None


def mid_country(mid: str | int) -> str | None:
    """The ISO 3166-1 alpha-2 country of a three-digit MID (``445`` -> ``"KP"``), or None."""
    return MID_COUNTRY.get(str(mid))


@dataclass(frozen=True)
class MMSIInfo:
    """What an MMSI says about its station.

    ``valid`` means nine digits and, for a kind that carries a MID, a MID the ITU has assigned.
    ``mmsi`` is the normalised nine digits (or the stripped input when it is not nine digits).
    """

    mmsi: str
    valid: bool
    kind: MMSIKind
    mid: str | None
    country: str | None


def _mmsi_kind(digits: str) -> tuple[MMSIKind, int | None]:
    for prefix, kind, offset in MMSI_PATTERNS:
        if digits.startswith(prefix):
            return kind, offset
    if digits[0] in "234567":
        return "ship", 0
    return "unknown", None


def parse_mmsi(text: str | int | None) -> MMSIInfo:
    """Classify an MMSI and read its flag country from the MID."""
    raw = "" if text is None else str(text).strip()
    digits = re.sub(r"^MMSI[\s:#]*", "", raw, flags=re.IGNORECASE).replace(" ", "")
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return MMSIInfo(mmsi=raw, valid=False, kind="invalid", mid=None, country=None)
    kind, offset = _mmsi_kind(digits)
    if offset is None:
        return MMSIInfo(digits, valid=kind != "unknown", kind=kind, mid=None, country=None)
    mid = digits[offset : offset + 3]
    country = mid_country(mid)
    return MMSIInfo(digits, valid=country is not None, kind=kind, mid=mid, country=country)

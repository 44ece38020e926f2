"""Vessel identities: MMSI with the flag's MID, IMO numbers with valid check digits, names."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

# Flag -> Maritime Identification Digits (ITU MID table, a few per flag).
MIDS: dict[str, tuple[int, ...]] = {
    "CN": (412, 413, 414),
    "KR": (440, 441),
    "KP": (445,),
    "PA": (352, 353, 355),
    "SL": (667,),
    "TG": (671,),
    "MN": (457,),
    "RU": (273,),
}
# AIS ship type codes (ITU-R M.1371 table 53) by simulator vessel type.
SHIP_TYPES = {"tanker": 80, "cargo": 70, "container": 71, "ferry": 60, "fishing": 30}
NAME_WORDS = [
    "OCEAN",
    "SEA",
    "STAR",
    "GLORY",
    "PEARL",
    "SUN",
    "HAPPY",
    "GOLDEN",
    "BLUE",
    "JADE",
    "LUCKY",
    "EAST",
    "ORIENT",
    "HARMONY",
    "GRACE",
    "RICH",
    "TIAN",
    "HAI",
    "XIN",
    "JIN",
    "HUA",
    "MING",
    "SHUN",
    "CHANG",
    "DA",
    "RYONG",
    "SAEBYOL",
    "CHON",
    "MA",
    "PAEK",
    "DU",
]


@dataclass(frozen=True)
class Identity:
    """What a transponder broadcasts about its ship (static and voyage data)."""

    mmsi: int
    imo: int
    name: str
    callsign: str
    flag: str
    vessel_type: str
    transceiver: str  # "A" or "B"
    length_m: int
    width_m: int
    draught_m: float
    destination: str

    @property
    def ship_type(self) -> int:
        """The AIS ship type code."""
        return SHIP_TYPES[self.vessel_type]


def imo_check_digit(first_six: int) -> int:
    """The IMO check digit: digits weighted 7..2, summed, last digit of the sum."""
    digits = f"{first_six:06d}"
    return sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10


def make_imo(rng: np.random.Generator) -> int:
    """A random IMO number with a valid check digit."""
    first = int(rng.integers(800_000, 999_999))
    return first * 10 + imo_check_digit(first)


def make_mmsi(rng: np.random.Generator, flag: str, used: set[int]) -> int:
    """A random ship-station MMSI (MID followed by six digits), unique within ``used``."""
    while True:
        mid = int(rng.choice(MIDS[flag]))
        mmsi = mid * 1_000_000 + int(rng.integers(100_000, 999_999))
        if mmsi not in used:
            used.add(mmsi)
            return mmsi


def make_identity(
    rng: np.random.Generator, vessel_type: str, flag: str, transceiver: str, used: set[int]
) -> Identity:
    """A plausible identity for a new vessel."""
    size = {"tanker": (110, 18), "cargo": (140, 22), "container": (220, 32), "ferry": (180, 28)}
    length, width = size.get(vessel_type, (40, 8))
    name = " ".join(str(w) for w in rng.choice(NAME_WORDS, 2, replace=False))
    if vessel_type == "fishing":
        name = f"{name} {int(rng.integers(1, 999))}"
    mmsi = make_mmsi(rng, flag, used)
    return Identity(
        mmsi=mmsi,
        imo=0 if transceiver == "B" else make_imo(rng),
        name=name[:20],
        callsign=f"{flag[0]}{int(rng.integers(10000, 99999))}",
        flag=flag,
        vessel_type=vessel_type,
        transceiver=transceiver,
        length_m=int(length * rng.uniform(0.8, 1.2)),
        width_m=int(width * rng.uniform(0.9, 1.1)),
        draught_m=round(float(rng.uniform(3.0, 11.0)), 1),
        destination="",
    )


def renamed(
    rng: np.random.Generator, ident: Identity, flag: str | None, used: set[int]
) -> Identity:
    """The same ship under a new name, and under a new flag (hence MMSI and call sign) if given."""
    name = " ".join(str(w) for w in rng.choice(NAME_WORDS, 2, replace=False))
    if flag is None or flag == ident.flag:
        return replace(ident, name=name)
    return replace(
        ident,
        name=name,
        flag=flag,
        mmsi=make_mmsi(rng, flag, used),
        callsign=f"{flag[0]}{int(rng.integers(10000, 99999))}",
    )

"""Detector parameters, declared as data: one frozen dataclass per detector, units in the names.

Defaults follow Global Fishing Watch's published algorithms where GFW has one:
- encounters and loitering: GFW "Encounters" and "Loitering" event definitions (Kroodsma et al.,
  Science 2018, supplementary S1.5; GFW API docs, "Events: encounter, loitering"): two vessels
  within 500 m for >= 2 h, both below 2 kn, >= 10 km from an anchorage, episodes of a pair
  merged within 4 h; loitering below 2 kn for >= 4 h at >= 20 nm from shore.
- gaps: GFW "AIS disabling events" (Welch et al., Science Advances 2022): a gap is >= 12 h
  without positions, started >= 50 nm from shore, with good reception before (>= 14 positions
  in the 12 h before the gap, scaled here to a window).
- implausible speed: 50 kn, as in the issue; port entry/exit 3 km / 4 km as GFW's port visits
  (anchorage entry and exit distances, GFW "Port visits" methods, pipe-anchorages).
Values not from GFW say so in their comment.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

from vigil.detect.errors import ParameterError

NM_KM = 1.852


@dataclass(frozen=True)
class EncounterParams:
    max_distance_m: float = 500.0
    min_duration_s: int = 2 * 3600
    max_speed_knots: float = 2.0
    min_port_distance_km: float = 10.0
    merge_gap_s: int = 4 * 3600
    bucket_s: int = 600  # resampling interval (GFW resamples tracks to 10 minutes)
    min_shore_km: float = 3.0  # not GFW: stands in for harbours missing from the port table
    dark_window_s: int = 12 * 3600  # a gap this close before/after raises priority
    dark_min_gap_s: int = 6 * 3600
    max_slow_gap_s: int = 12 * 3600  # a slow vessel's silence filled if it stayed (not GFW)


@dataclass(frozen=True)
class LoiteringParams:
    max_speed_knots: float = 2.0
    min_duration_s: int = 4 * 3600
    min_shore_km: float = 20 * NM_KM
    max_unseen_s: int = 4 * 3600  # a longer silence ends the episode (not GFW)
    # ... unless slow on both sides and moved < max_speed_knots over it (not GFW; as the gap
    # detector's min_gap_s: a longer silence is an AIS gap, not part of a stop)
    max_slow_gap_s: int = 12 * 3600


@dataclass(frozen=True)
class GapParams:
    min_gap_s: int = 12 * 3600
    reception_window_s: int = 6 * 3600
    min_positions_before: int = 7  # GFW: 14 in 12 h -> 7 in 6 h
    far_from_shore_km: float = 50 * NM_KM
    near_dprk_km: float = 50.0  # not GFW: distance to DPRK-claimed waters


@dataclass(frozen=True)
class SpoofingParams:
    max_speed_knots: float = 50.0
    min_jump_km: float = 2.0  # not GFW: ignores GPS noise between close reports
    merge_gap_s: int = 24 * 3600
    shared_min_jumps: int = 6  # many back-and-forth jumps: one MMSI in two places at once
    min_inland_km: float = 8.0  # on land only when this far inland (grid is ~5.5 km)
    port_clear_km: float = 20.0  # not GFW: river ports (Nampho, Songnim) sit on "land" cells


@dataclass(frozen=True)
class IdentityParams:
    min_observations: int = 2  # a value seen once may be a decoding slip


@dataclass(frozen=True)
class PortCallParams:
    entry_km: float = 3.0
    exit_km: float = 4.0


@dataclass(frozen=True)
class DprkWatersParams:
    merge_gap_s: int = 6 * 3600
    min_positions: int = 2


@dataclass(frozen=True)
class SightingParams:
    min_name_score: float = 0.9  # screening score for a match by name alone


DEFAULTS: dict[str, Any] = {
    "encounter": EncounterParams(),
    "loitering": LoiteringParams(),
    "ais_gap": GapParams(),
    "spoofing": SpoofingParams(),
    "identity": IdentityParams(),
    "port_call": PortCallParams(),
    "dprk_waters": DprkWatersParams(),
    "designated_vessel": SightingParams(),
}

P = TypeVar("P")


def as_dict(params: Any) -> dict[str, Any]:
    """The parameters as a plain dictionary (stored with each finding)."""
    return dataclasses.asdict(params)


def override(params: P, values: dict[str, str], detector: str = "") -> P:
    """A copy of ``params`` with ``values`` (strings from the CLI) parsed and checked."""
    fields = {f.name: f for f in dataclasses.fields(params)}  # type: ignore[arg-type]
    changes: dict[str, Any] = {}
    for name, text in values.items():
        if name not in fields:
            known = ", ".join(sorted(fields))
            raise ParameterError(f"unknown parameter {detector}.{name}; known: {known}")
        kind = type(getattr(params, name))
        try:
            value = kind(text)
        except ValueError:
            raise ParameterError(
                f"parameter {detector}.{name}={text!r} is not a {kind.__name__}"
            ) from None
        if value < 0 or (value == 0 and not name.startswith("min_shore")):
            raise ParameterError(f"parameter {detector}.{name}={text!r} must be positive")
        changes[name] = value
    return dataclasses.replace(params, **changes)  # type: ignore[type-var]


def parse_param_options(options: list[str]) -> dict[str, dict[str, str]]:
    """``["encounter.max_distance_m=800"]`` -> ``{"encounter": {"max_distance_m": "800"}}``."""
    out: dict[str, dict[str, str]] = {}
    for option in options:
        key, sep, value = option.partition("=")
        detector, dot, name = key.partition(".")
        if not sep or not dot or not detector or not name or not value:
            raise ParameterError(
                f"parameter {option!r} must look like DETECTOR.NAME=VALUE, e.g. encounter.max_distance_m=800"
            )
        if detector not in DEFAULTS:
            raise ParameterError(
                f"unknown detector {detector!r} in parameter {option!r}; known: {', '.join(DEFAULTS)}"
            )
        out.setdefault(detector, {})[name] = value
    return out

"""Quarantine rules for decoded messages, as declared limits and vectorised checks.

| reason | rule |
| --- | --- |
| ``undecodable`` | the payload cannot be decoded (empty, bad characters, too short) |
| ``no_timestamp`` | no receive time on the line and no ``assume_time`` |
| ``time_before_1990`` | receive time before 1990-01-01 UTC |
| ``time_in_future`` | receive time later than the ingest's clock plus ``future_tolerance_s`` |
| ``bad_mmsi`` | a vessel's MMSI (position, static) is not 9 digits without a leading 0 |
| | (100000000 to 999999999); other senders (base stations ``00MIDxxxx``) may lead with 0 |
| ``position_not_available`` | the 91° / 181° "not available" position |
| ``impossible_position`` | latitude beyond ±90° or longitude beyond ±180° |

Line-level reasons (``bad_checksum``, ``orphan_fragment``, ``not_ais``, ``truncated``,
``bad_tag_block``, ``bad_prefix``, ``bad_fragment``, ``line_too_long``) are set earlier.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Final

import numpy as np

from vigil.ais.decode import POSITION_TYPES, STATIC_TYPES, Decoded

EARLIEST_TIME_S: Final = float(calendar.timegm((1990, 1, 1, 0, 0, 0, 0, 0, 0)))
MMSI_MIN: Final = 100_000_000
MMSI_MAX: Final = 999_999_999
LAT_NOT_AVAILABLE_DEG: Final = 91.0
LON_NOT_AVAILABLE_DEG: Final = 181.0

VESSEL_TYPES: Final = POSITION_TYPES | STATIC_TYPES

Reason = tuple[str, str] | None  # (code, detail) or None when the record is kept


@dataclass(frozen=True)
class Limits:
    """Per-ingest validation context: the clock and the analyst's time assumption."""

    now_s: float
    assume_time_s: float | None = None
    future_tolerance_s: float = 300.0


def message_reasons(decoded: Decoded, time_s: np.ndarray, limits: Limits) -> list[Reason]:
    """The quarantine reason of each message (None: keep), first failing rule wins."""
    reasons: list[Reason] = [None] * len(time_s)
    mmsi = decoded.mmsi
    vessel = np.isin(decoded.msg_type, list(VESSEL_TYPES))
    checks: list[tuple[str, np.ndarray, str]] = [
        ("no_timestamp", np.isnan(time_s), "line carries no receive time"),
        ("time_before_1990", time_s < EARLIEST_TIME_S, "time_s="),
        ("time_in_future", time_s > limits.now_s + limits.future_tolerance_s, "time_s="),
        ("bad_mmsi", ((mmsi < MMSI_MIN) & vessel) | (mmsi > MMSI_MAX), "mmsi="),
    ]
    for i, error in decoded.error.items():
        reasons[i] = ("undecodable", error)
    decodable = decoded.msg_type >= 0
    for code, failed, detail in checks:
        for i in np.flatnonzero(failed & decodable).tolist():
            if reasons[i] is None:
                value = mmsi[i] if code == "bad_mmsi" else time_s[i]
                reasons[i] = (code, detail if detail.endswith("time") else f"{detail}{value}")
    return reasons


def position_reasons(decoded: Decoded) -> list[Reason]:
    """The quarantine reason of each position report (aligned with ``decoded.pos_index``)."""
    lat, lon = decoded.lat, decoded.lon
    not_available = (lat == LAT_NOT_AVAILABLE_DEG) | (lon == LON_NOT_AVAILABLE_DEG)
    impossible = (np.abs(lat) > 90.0) | (np.abs(lon) > 180.0)
    reasons: list[Reason] = [None] * len(lat)
    for k in np.flatnonzero(impossible | not_available).tolist():
        code = "position_not_available" if not_available[k] else "impossible_position"
        reasons[k] = (code, f"lat={lat[k]} lon={lon[k]}")
    return reasons

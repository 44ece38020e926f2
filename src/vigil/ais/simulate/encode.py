"""NMEA 0183 encoding in bulk: AIS position reports (types 1 and 18) as fixed-width lines.

Every position line has the same width, so a chunk of lines is one ``uint8`` matrix built column
by column with numpy (speed dictates this shape): a tag block ``\\c:UNIX,s:STATION*CS\\`` and an
``!AIVDM`` sentence with a 28-character payload. Static messages (types 5 and 24) are few and
repeat per identity, so :func:`static_sentences` encodes them once with pyais.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from pyais import encode_dict

from vigil.ais.simulate.fleet import Identity

WORD_BITS = 48  # 8 six-bit characters per uint64 word
TYPE1 = (
    (6, 0),
    (2, 6),
    (30, 8),
    (4, 38),
    (8, 42),
    (10, 50),
    (1, 60),
    (28, 61),
    (27, 89),
    (12, 116),
    (9, 128),
    (6, 137),
    (2, 143),
    (3, 145),
    (1, 148),
    (19, 149),
)
TYPE18 = (
    (6, 0),
    (2, 6),
    (30, 8),
    (8, 38),
    (10, 46),
    (1, 56),
    (28, 57),
    (27, 85),
    (12, 112),
    (9, 124),
    (6, 133),
    (2, 139),
    (1, 141),
    (1, 142),
    (1, 143),
    (1, 144),
    (1, 145),
    (1, 146),
    (1, 147),
    (20, 148),
)
TAG_WIDTH, LINE_WIDTH = 28, 76
HEX = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)

U64 = NDArray[np.uint64]


def _pack(fields: list[tuple[int, int, U64]], n: int) -> NDArray[np.uint8]:
    """Pack (width, offset, values) fields into 28 armoured payload characters per row."""
    words = np.zeros((4, n), dtype=np.uint64)
    for width, offset, value in fields:
        v = value & np.uint64((1 << width) - 1)
        for k in range(offset // WORD_BITS, (offset + width - 1) // WORD_BITS + 1):
            a = max(offset, k * WORD_BITS) - offset
            b = min(offset + width, (k + 1) * WORD_BITS) - offset
            part = (v >> np.uint64(width - b)) & np.uint64((1 << (b - a)) - 1)
            words[k] |= part << np.uint64(WORD_BITS - (offset + b - k * WORD_BITS))
    chars = np.empty((n, 28), dtype=np.uint8)
    for j in range(28):
        shift = np.uint64(WORD_BITS - 6 * (j % 8 + 1))
        six = ((words[j // 8] >> shift) & np.uint64(63)).astype(np.uint8)
        chars[:, j] = np.where(six < 40, six + 48, six + 56)
    return chars


def payloads(
    mmsi: U64,
    class_b: NDArray[np.bool_],
    status: U64,
    sog_kn: NDArray[np.float64],
    lat: NDArray[np.float64],
    lon: NDArray[np.float64],
    cog_deg: NDArray[np.float64],
    heading_deg: NDArray[np.float64],
    t_s: NDArray[np.int64],
) -> NDArray[np.uint8]:
    """Payload characters (n, 28): type 1 for class A rows, type 18 for class B rows."""
    n = len(mmsi)
    u = np.uint64
    speed = np.minimum(np.round(sog_kn * 10), 1022).astype(np.uint64)
    lon_i = np.round(lon * 600_000).astype(np.int64).astype(np.uint64)
    lat_i = np.round(lat * 600_000).astype(np.int64).astype(np.uint64)
    course = (np.round(cog_deg * 10).astype(np.int64) % 3600).astype(np.uint64)
    heading = (np.round(heading_deg).astype(np.int64) % 360).astype(np.uint64)
    second = (t_s % 60).astype(np.uint64)
    zero = np.zeros(n, dtype=np.uint64)
    a_values = [
        np.full(n, 1, u),
        zero,
        mmsi,
        status,
        np.full(n, 128, u),
        speed,
        zero,
        lon_i,
        lat_i,
        course,
        heading,
        second,
        zero,
        zero,
        zero,
        zero,
    ]
    b_values = [
        np.full(n, 18, u),
        zero,
        mmsi,
        zero,
        speed,
        zero,
        lon_i,
        lat_i,
        course,
        heading,
        second,
        zero,
        np.ones(n, u),
        zero,
        np.ones(n, u),
        np.ones(n, u),
        np.ones(n, u),
        zero,
        zero,
        np.full(n, 393222, u),
    ]
    a = _pack([(w, o, v) for (w, o), v in zip(TYPE1, a_values, strict=True)], n)
    if not class_b.any():
        return a
    b = _pack([(w, o, v) for (w, o), v in zip(TYPE18, b_values, strict=True)], n)
    result: NDArray[np.uint8] = np.where(class_b[:, None], b, a)
    return result


def _checksum(block: NDArray[np.uint8]) -> NDArray[np.uint8]:
    x = np.bitwise_xor.reduce(block, axis=1)
    return np.stack([HEX[x >> 4], HEX[x & 15]], axis=1)


def lines(t_s: NDArray[np.int64], station: NDArray[np.uint8], payload: NDArray[np.uint8]) -> bytes:
    """Fixed-width NMEA lines (tag block + sentence) for rows; ``station`` is (n, 8) ASCII."""
    n = len(t_s)
    m = np.empty((n, LINE_WIDTH), dtype=np.uint8)
    m[:, 0:3] = np.frombuffer(b"\\c:", dtype=np.uint8)
    for k in range(10):
        m[:, 3 + k] = (t_s // 10 ** (9 - k)) % 10 + 48
    m[:, 13:16] = np.frombuffer(b",s:", dtype=np.uint8)
    m[:, 16:24] = station
    m[:, 24] = ord("*")
    m[:, 25:27] = _checksum(m[:, 1:24])
    m[:, 27] = ord("\\")
    m[:, 28:40] = np.frombuffer(b"!AIVDM,1,1,,", dtype=np.uint8)
    m[:, 40] = np.where(t_s % 2 == 0, ord("A"), ord("B"))
    m[:, 41] = ord(",")
    m[:, 42:70] = payload
    m[:, 70:73] = np.frombuffer(b",0*", dtype=np.uint8)
    m[:, 73:75] = _checksum(m[:, 29:72])
    m[:, 75] = ord("\n")
    return m.tobytes()


def _nmea_checksum(text: str) -> str:
    value = 0
    for ch in text.encode("ascii"):
        value ^= ch
    return f"{value:02X}"


def tagged(sentence_body: str, t_s: int, station: str) -> str:
    """One tagged line from a sentence body (without ``!`` and checksum)."""
    tag = f"c:{t_s},s:{station}"
    return f"\\{tag}*{_nmea_checksum(tag)}\\!{sentence_body}*{_nmea_checksum(sentence_body)}\n"


@lru_cache(maxsize=65536)
def _static_payloads(ident: Identity) -> tuple[tuple[str, int], ...]:
    """(payload, fill bits) of each static message of an identity, encoded by pyais."""
    if ident.transceiver == "B":
        msgs: list[dict[str, str | int | float | bytes | bool]] = [
            {"type": 24, "mmsi": ident.mmsi, "partno": 0, "shipname": ident.name},
            {
                "type": 24,
                "mmsi": ident.mmsi,
                "partno": 1,
                "shiptype": ident.ship_type,
                "callsign": ident.callsign,
                "to_bow": ident.length_m // 2,
                "to_stern": ident.length_m - ident.length_m // 2,
                "to_port": ident.width_m // 2,
                "to_starboard": ident.width_m - ident.width_m // 2,
            },
        ]
    else:
        msgs = [
            {
                "type": 5,
                "mmsi": ident.mmsi,
                "ais_version": 2,
                "imo": ident.imo,
                "callsign": ident.callsign,
                "shipname": ident.name,
                "ship_type": ident.ship_type,
                "to_bow": ident.length_m // 2,
                "to_stern": ident.length_m - ident.length_m // 2,
                "to_port": ident.width_m // 2,
                "to_starboard": ident.width_m - ident.width_m // 2,
                "epfd": 1,
                "draught": ident.draught_m,
                "destination": ident.destination,
                "dte": 0,
            }
        ]
    out = []
    for msg in msgs:
        whole = "".join(s.split(",")[5] for s in encode_dict(msg))
        fill = int(encode_dict(msg)[-1].split(",")[6].split("*")[0])
        out.append((whole, fill))
    return tuple(out)


def static_lines(ident: Identity, t_s: int, station: str, seq_id: int) -> str:
    """Tagged static sentences: type 5 in two parts (class A) or types 24 A and B (class B)."""
    text = []
    for payload, fill in _static_payloads(ident):
        parts = [payload[i : i + 60] for i in range(0, len(payload), 60)]
        for k, part in enumerate(parts, start=1):
            last = k == len(parts)
            seq = str(seq_id) if len(parts) > 1 else ""
            body = f"AIVDM,{len(parts)},{k},{seq},A,{part},{fill if last else 0}"
            text.append(tagged(body, t_s, station))
    return "".join(text)

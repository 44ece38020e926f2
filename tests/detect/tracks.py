"""Small synthetic tracks written straight into ``ais_positions`` / ``ais_identity``, so that each
detector can be tested on a few hundred rows (and on Spark in seconds, not minutes)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from vigil.store import Store

T0 = int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())
H = 3600


@dataclass
class Tracks:
    """Positions and identity rows to write."""

    rows: list[tuple[int, int, float, float, float, int | None]] = field(default_factory=list)
    idents: list[tuple[int, str, str, int, int]] = field(default_factory=list)

    def still(self, mmsi: int, lat: float, lon: float, t0_h: float, t1_h: float, every_s: int = 300,
              sog: float = 0.3, status: int | None = None) -> Tracks:  # fmt: skip
        """A vessel drifting on the spot (a few metres of noise) from t0_h to t1_h."""
        for i, t in enumerate(range(T0 + int(t0_h * H), T0 + int(t1_h * H) + 1, every_s)):
            wobble = 1e-5 * math.sin(i)
            self.rows.append((mmsi, t, lat + wobble, lon - wobble, sog, status))
        return self

    def sail(self, mmsi: int, start: tuple[float, float], end: tuple[float, float], t0_h: float,
             t1_h: float, every_s: int = 300) -> Tracks:  # fmt: skip
        """A vessel moving in a straight line at whatever speed the span implies."""
        times = list(range(T0 + int(t0_h * H), T0 + int(t1_h * H) + 1, every_s))
        km = 111.2 * math.hypot(
            end[0] - start[0], (end[1] - start[1]) * math.cos(math.radians(start[0]))
        )
        sog = km / 1.852 / max((times[-1] - times[0]) / H, 1e-9)
        for i, t in enumerate(times):
            f = i / max(len(times) - 1, 1)
            self.rows.append(
                (
                    mmsi,
                    t,
                    start[0] + f * (end[0] - start[0]),
                    start[1] + f * (end[1] - start[1]),
                    sog,
                    0,
                )
            )
        return self

    def ident(self, mmsi: int, field_name: str, value: str, t0_h: float, t1_h: float) -> Tracks:
        self.idents.append((mmsi, field_name, value, T0 + int(t0_h * H), T0 + int(t1_h * H)))
        return self

    def write(self, store: Store, first_id: int = 1) -> None:
        """Write the rows, numbering positions from ``first_id`` (a second batch goes after)."""
        rows = sorted(self.rows, key=lambda r: (r[1], r[0]))
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO ais_positions VALUES (?, CAST(make_timestamp(CAST(? AS BIGINT) * 1000000) AS DATE), make_timestamp(CAST(? AS BIGINT) * 1000000),"
                " ?, ?, ?, ?, 0, NULL, ?, 1, 'test', 'A', 1, ?, ?)",
                [[(1 << 32) + i, t, t, m, lat, lon, sog, st, i, (1 << 32) + i]
                 for i, (m, t, lat, lon, sog, st) in enumerate(rows, start=first_id)],
            )  # fmt: skip
            if not self.idents:
                return
            conn.executemany(
                "INSERT INTO ais_identity VALUES (?, ?, ?, make_timestamp(CAST(? AS BIGINT) * 1000000),"
                " make_timestamp(CAST(? AS BIGINT) * 1000000), ?, 5)",
                [[m, f, v, a, b, (2 << 32) + i] for i, (m, f, v, a, b) in enumerate(self.idents)],
            )

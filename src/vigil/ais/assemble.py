"""Join multi-sentence AIS messages, interleaved across channels, sequence ids and sources.

A fragment belongs to the message keyed by (source, sequence id, channel, fragment count),
or by its NMEA 4.10 tag-block group id (``g:1-2-1604``) when it has one.
A message is complete when fragments 1..count have arrived in order. Fragments that cannot
complete (a new fragment 1 restarts the key, an index arrives out of order, the message is
still open ``MAX_OPEN_LINES`` lines later or at the end of input) are quarantined as
``orphan_fragment``, each with its own line.
"""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.frames import Frame
from vigil.ais.nmea import Quarantined

MAX_OPEN_LINES: Final = 2_000  # a message whose first fragment is older than this is orphaned

# line, raw, sentence, (count, index, seq, channel, payload, fill), time, source, group
Fragment = tuple[int, bytes, bytes, tuple[bytes, ...], float, str | None, bytes | None]
Key = tuple[str | None, bytes, bytes, bytes]


MESSAGE_COLUMNS: Final = (
    *("line_no", "raw", "sentence", "count", "index", "seq", "channel", "payload", "fill"),
    *("time_s", "source", "group"),
)


class Assembler:
    """Stateful across chunks: holds the open multi-sentence messages."""

    def __init__(self) -> None:
        self.open: dict[Key, list[Fragment]] = {}
        self.consumed = 0  # fragments folded into a message other than its first line

    def assemble(self, sents: Frame, checksum_ok: np.ndarray, bad: Quarantined) -> Frame:
        """Turn sentences into messages; quarantine bad checksums and orphans into ``bad``."""
        single = checksum_ok & _equals(sents.count, b"1") & _equals(sents.index, b"1")
        if single.all():
            return sents
        singles = sents.take(np.flatnonzero(single))
        rest = sents.take(np.flatnonzero(~single))
        built: dict[str, list[Any]] = {name: [] for name in MESSAGE_COLUMNS}
        columns = {
            name: (col.tolist() if isinstance(col, np.ndarray) else col.to_pylist())
            for name, col in vars(rest).items()
        }
        for i, ok in enumerate(checksum_ok[~single].tolist()):
            if not ok:
                bad.add(
                    columns["line_no"][i],
                    "bad_checksum",
                    "NMEA checksum does not match",
                    columns["raw"][i],
                )
                continue
            fields = tuple(
                columns[n][i] for n in ("count", "index", "seq", "channel", "payload", "fill")
            )
            frag = (
                *(columns["line_no"][i], columns["raw"][i], columns["sentence"][i], fields),
                *(columns["time_s"][i], columns["source"][i], columns["group"][i]),
            )
            self._fragment(frag, built, bad)
        if len(sents):
            self._expire(int(sents.line_no.max()), bad)
        if not built["line_no"]:
            return singles
        return Frame.concat([singles, Frame.from_lists(built)])

    def _fragment(self, frag: Fragment, out: dict[str, list[Any]], bad: Quarantined) -> None:
        parts = frag[3]
        try:
            count, index = int(parts[0]), int(parts[1])
        except ValueError:
            bad.add(frag[0], "bad_fragment", "fragment count or index is not a number", frag[1])
            return
        if not 1 <= index <= count <= 9:
            bad.add(frag[0], "bad_fragment", f"fragment {index} of {count}", frag[1])
            return
        group = frag[6]
        key: Key = (
            (None, b"g:" + group, b"", parts[0])
            if group
            else (frag[5], parts[2], parts[3], parts[0])
        )
        held = self.open.pop(key, [])
        if held and index == 1:
            self._orphan(held, bad)
            held = []
        if len(held) + 1 != index:
            self._orphan([*held, frag], bad)
            return
        held.append(frag)
        if index < count:
            self.open[key] = held
            return
        self._emit(held, out)

    def _emit(self, held: list[Fragment], out: dict[str, list[Any]]) -> None:
        first = held[0]
        times = [f[4] for f in held if not math.isnan(f[4])]
        out["line_no"].append(first[0])
        out["raw"].append(b"\n".join(f[1] for f in held))
        out["sentence"].append(b"\n".join(f[2] for f in held))
        out["count"].append(b"1")
        out["index"].append(b"1")
        out["seq"].append(first[3][2])
        out["channel"].append(first[3][3])
        out["payload"].append(b"".join(f[3][4] for f in held))
        out["fill"].append(held[-1][3][5])
        out["time_s"].append(times[0] if times else math.nan)
        out["source"].append(next((f[5] for f in held if f[5] is not None), None))
        out["group"].append(first[6])
        self.consumed += len(held) - 1

    @staticmethod
    def _orphan(frags: list[Fragment], bad: Quarantined) -> None:
        for frag in frags:
            bad.add(frag[0], "orphan_fragment", "fragment of an incomplete message", frag[1])

    def _expire(self, line_no: int, bad: Quarantined) -> None:
        stale = [k for k, v in self.open.items() if line_no - v[0][0] > MAX_OPEN_LINES]
        for key in stale:
            self._orphan(self.open.pop(key), bad)

    def finish(self, bad: Quarantined) -> None:
        """End of input: every still-open message is orphaned."""
        for held in self.open.values():
            self._orphan(held, bad)
        self.open.clear()


def _equals(column: pa.Array, value: bytes) -> np.ndarray:
    mask = pc.fill_null(pc.equal(column, pa.scalar(value, pa.binary())), False)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)

"""From raw NMEA lines to rows for the store: split, check, assemble, decode, validate.

Every line gets exactly one disposition, counted in :attr:`Batch.counts`:
``position``, ``static`` (types 5 and 24), ``other`` (kept messages of other types),
``fragment`` (a non-first sentence folded into a multi-sentence message), ``blank``,
``comment``, ``wrapper`` (a Gatehouse ``$PGHP`` line) or ``quarantine:<reason>``.
The invariant ``lines read == sum of dispositions`` is tested.

Every kept message's ``raw_id`` (``file_id << 32 | line_no``) cites its line: the file, whose
path and SHA-256 ``ais_files`` holds, is the raw record. A pipeline made with ``keep_raw``
(live feeds, which have no file to cite, and ``vigil ais ingest --keep-raw``) also copies
each kept message's text into ``ais_raw``; copying costs about a fifth of an NMEA ingest's
CPU time and most of its store size, so files are cited instead by default.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from vigil.ais.assemble import Assembler
from vigil.ais.decode import POSITION_TYPES, Decoded, decode_messages
from vigil.ais.frames import Frame, as_text, xor_checks
from vigil.ais.identity import Observation, observations
from vigil.ais.nmea import LineSplitter, Quarantined
from vigil.ais.validate import Limits, message_reasons, position_reasons

LINE_ID_BITS: Final = 32  # raw_id = file_id << 32 | line_no
MAX_LINE_BYTES: Final = 4096


def raw_id(file_id: int, line_no: int) -> int:
    """The stable id of a raw line (and of the position or message read from it)."""
    return (file_id << LINE_ID_BITS) | line_no


def text(raw: bytes) -> str:
    """Raw bytes as safe text: undecodable bytes become ``\\xNN`` escapes."""
    return raw.decode("utf-8", "backslashreplace").replace("\x00", "\\x00")


@dataclass
class Batch:
    """Rows for the store from one chunk of lines, and the count of each disposition."""

    positions: pa.Table | None = None
    raw: pa.Table | None = None
    quarantine: pa.Table | None = None
    identity: list[Observation] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


class NmeaPipeline:
    """Stateful (open fragments, Gatehouse time) across the chunks of one input."""

    def __init__(self, file_id: int, limits: Limits, keep_raw: bool = True) -> None:
        self.file_id = file_id
        self.limits = limits
        self.keep_raw = keep_raw
        self.splitter = LineSplitter()
        self.assembler = Assembler()

    def process(self, lines: list[bytes], first_line_no: int) -> Batch:
        """Turn a chunk of lines into a batch of rows."""
        bad = Quarantined()
        too_long = lines and max(map(len, lines)) > MAX_LINE_BYTES
        long_lines = [i for i, x in enumerate(lines) if len(x) > MAX_LINE_BYTES] if too_long else []
        for i in long_lines:
            bad.add(first_line_no + i, "line_too_long", f"{len(lines[i])} bytes", lines[i][:200])
        if long_lines:
            lines = [b"" if len(line) > MAX_LINE_BYTES else line for line in lines]
        parsed = self.splitter.split(lines, first_line_no)
        counts: Counter[str] = Counter(parsed.ignored)
        counts["blank"] -= len(long_lines)
        bad.extend(parsed.quarantined)
        ok = xor_checks(parsed.sentences.sentence, skip_head=1)
        before = self.assembler.consumed
        msgs = self.assembler.assemble(parsed.sentences, ok, bad)
        counts["fragment"] += self.assembler.consumed - before
        return self._rows(msgs, bad, counts)

    def finish(self) -> Batch:
        """End of input: quarantine the fragments still waiting."""
        bad = Quarantined()
        self.assembler.finish(bad)
        return self._rows(Frame.empty(), bad, Counter())

    def _rows(self, msgs: Frame, bad: Quarantined, counts: Counter[str]) -> Batch:
        decoded = decode_messages(msgs)
        time_s = msgs.time_s
        if self.limits.assume_time_s is not None:
            time_s = np.where(np.isnan(time_s), self.limits.assume_time_s, time_s)
        reasons = message_reasons(decoded, time_s, self.limits)
        pos_reasons = position_reasons(decoded)
        for k, i in enumerate(decoded.pos_index.tolist()):
            if reasons[i] is None and pos_reasons[k] is not None:
                reasons[i] = pos_reasons[k]
        failed = [i for i, r in enumerate(reasons) if r is not None]
        keep = np.ones(len(msgs), dtype=bool)
        keep[failed] = False
        failed_raw = msgs.raw.take(pa.array(failed, pa.int64())).to_pylist()
        for i, raw in zip(failed, failed_raw, strict=True):
            code, detail = reasons[i] or ("", "")
            bad.add(int(msgs.line_no[i]), code, detail, raw)
        batch = Batch(counts=counts)
        ts_us = np.round(np.nan_to_num(time_s) * 1e6).astype(np.int64)
        self._messages(batch, msgs, decoded, keep, ts_us)
        batch.quarantine = self._quarantine(bad, batch.counts)
        return batch

    def _messages(
        self, batch: Batch, msgs: Frame, dec: Decoded, keep: np.ndarray, ts_us: np.ndarray
    ) -> None:
        ids = msgs.line_no | (self.file_id << LINE_ID_BITS)
        kept = np.flatnonzero(keep)
        types = dec.msg_type[kept]
        batch.counts["position"] += int(np.isin(types, list(POSITION_TYPES)).sum())
        batch.counts["static"] += int(np.isin(types, [5, 24]).sum())
        batch.counts["other"] += int((~np.isin(types, [*POSITION_TYPES, 5, 24])).sum())
        if self.keep_raw:
            batch.raw = self._raw(msgs, kept, ids, ts_us, dec.mmsi, types)
        batch.identity = self._identity(msgs, dec, keep, ts_us, ids)
        batch.positions = self._positions(msgs, dec, keep, ts_us, ids)

    @staticmethod
    def _identity(
        msgs: Frame, dec: Decoded, keep: np.ndarray, ts_us: np.ndarray, ids: np.ndarray
    ) -> list[Observation]:
        """Identity observations of the kept static messages, each distinct content once.

        A ship repeats its static data every few minutes, so most static messages of a chunk
        repeat an earlier one word for word (payload and fill bits, which hold the MMSI too).
        Each distinct content is read once and counted with its first and last time; the
        first is the earliest message, the earlier line on a tie (folding the messages in one
        by one in line order gives the same history; a test checks it).
        """
        rows = np.array([i for i in dec.statics if keep[i]], dtype=np.int64)
        if not len(rows):
            return []
        taken = pa.array(rows)
        payload, fill = (pc.fill_null(c.take(taken), b"") for c in (msgs.payload, msgs.fill))
        content = pc.binary_join_element_wise(payload, fill, b",")
        codes = np.asarray(pc.dictionary_encode(content).indices.to_numpy(zero_copy_only=False))
        times = ts_us[rows]
        order = np.lexsort((ids[rows], times, codes))  # earliest, then earliest line
        starts = np.flatnonzero(np.r_[True, codes[order][1:] != codes[order][:-1]])
        last = np.maximum.reduceat(times[order], starts)
        sizes = np.diff(np.r_[starts, len(rows)])
        out: list[Observation] = []
        for k in np.argsort(ids[rows[order[starts]]], kind="stable").tolist():  # line order
            i = int(rows[order[starts[k]]])
            first, raw = int(ts_us[i]), int(ids[i])
            fields = dec.statics[i]
            out += observations(int(dec.mmsi[i]), fields, first, raw, int(last[k]), int(sizes[k]))
        return out

    def _raw(
        self,
        msgs: Frame,
        kept: np.ndarray,
        ids: np.ndarray,
        ts_us: np.ndarray,
        mmsi: np.ndarray,
        types: np.ndarray,
    ) -> pa.Table:
        return pa.table(
            {
                "raw_id": ids[kept],
                "file_id": np.full(len(kept), self.file_id, dtype=np.int32),
                "line_no": msgs.line_no[kept].astype(np.int32),
                "ts": pa.array(ts_us[kept], type=pa.timestamp("us")),
                "mmsi": mmsi[kept].astype(np.int32),
                "msg_type": types.astype(np.int8),
                "raw": as_text(msgs.raw.take(pa.array(kept, pa.int64()))),
            }
        )

    def _positions(
        self,
        msgs: Frame,
        dec: Decoded,
        keep: np.ndarray,
        ts_us: np.ndarray,
        ids: np.ndarray,
    ) -> pa.Table:
        ok = keep[dec.pos_index]
        idx = dec.pos_index[ok]
        rows = pa.array(idx, pa.int64())
        ts = ts_us[idx]
        heading = dec.heading_deg[ok]
        status = dec.nav_status[ok]
        table = pa.table(
            {
                "position_id": ids[idx],
                "day": pa.array(ts // 86_400_000_000, type=pa.int32()).cast(pa.date32()),
                "ts": pa.array(ts, type=pa.timestamp("us")),
                "mmsi": dec.mmsi[idx].astype(np.int32),
                "lat": dec.lat[ok],
                "lon": dec.lon[ok],
                "sog_knots": pa.array(dec.sog_knots[ok], from_pandas=True),
                "cog_deg": pa.array(dec.cog_deg[ok], from_pandas=True),
                "heading_deg": pa.array(heading.astype(np.int16), mask=heading < 0),
                "nav_status": pa.array(status.astype(np.int8), mask=status < 0),
                "msg_type": dec.msg_type[idx].astype(np.int8),
                "source": msgs.source.take(rows),
                "channel": as_text(msgs.channel.take(rows)),
                "file_id": np.full(len(idx), self.file_id, dtype=np.int32),
                "line_no": msgs.line_no[idx].astype(np.int32),
                "raw_id": ids[idx],
            }
        )
        order = np.lexsort((ts, dec.mmsi[idx], ts // 86_400_000_000))  # by day, MMSI, time
        return table.take(pa.array(order))

    def _quarantine(self, bad: Quarantined, counts: Counter[str]) -> pa.Table:
        for reason in bad.reason:
            counts[f"quarantine:{reason}"] += 1
        return pa.table(
            {
                "file_id": np.full(len(bad.line_no), self.file_id, dtype=np.int32),
                "line_no": np.array(bad.line_no, dtype=np.int32),
                "reason": pa.array(bad.reason, pa.string()),
                "detail": pa.array(bad.detail, pa.string()),
                "raw": pa.array([text(r) for r in bad.raw], pa.string()),
            }
        )

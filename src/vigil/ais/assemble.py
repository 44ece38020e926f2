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

    def __init__(self, pairs: bool = True) -> None:
        self.open: dict[Key, list[Fragment]] = {}
        self.consumed = 0  # fragments folded into a message other than its first line
        self.pairs = pairs  # join plain two-sentence messages vectorised (see _pairs)

    def assemble(self, sents: Frame, checksum_ok: np.ndarray, bad: Quarantined) -> Frame:
        """Turn sentences into messages; quarantine bad checksums and orphans into ``bad``."""
        single = checksum_ok & _equals(sents.count, b"1") & _equals(sents.index, b"1")
        if single.all():
            return sents
        singles = sents.take(np.flatnonzero(single))
        rest = sents.take(np.flatnonzero(~single))
        rest_ok = checksum_ok[~single]
        done: list[Frame] = [singles]
        if self.pairs:
            taken, pairs = self._pairs(rest, rest_ok)
            done.append(pairs)
            rest, rest_ok = rest.take(np.flatnonzero(~taken)), rest_ok[~taken]
        built: dict[str, list[Any]] = {name: [] for name in MESSAGE_COLUMNS}
        columns = {
            name: (col.tolist() if isinstance(col, np.ndarray) else col.to_pylist())
            for name, col in vars(rest).items()
        }
        for i, ok in enumerate(rest_ok.tolist()):
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
        if built["line_no"]:
            done.append(Frame.from_lists(built))
        return done[0] if len(done) == 1 else Frame.concat(done)

    def _pairs(self, rest: Frame, ok: np.ndarray) -> tuple[np.ndarray, Frame]:
        """The two-sentence messages that need no state, joined at once; rows taken.

        Most multi-sentence messages are a type 5 in two sentences whose key occurs nowhere
        else in the chunk and is not open from the previous one. For such a key the one-by-one
        rules can only join fragment 1 with fragment 2, so these pairs are joined with Arrow
        kernels; every other row (other counts, restarts, orphans, keys seen again, bad
        checksums) goes through the rules one by one. A test checks that both give the same
        messages and quarantine on random interleaved streams.
        """
        taken = np.zeros(len(rest), dtype=bool)
        if not len(rest):
            return taken, Frame.empty()
        keys = _keys(rest)
        codes = np.asarray(pc.dictionary_encode(keys).indices.to_numpy(zero_copy_only=False))
        order = np.argsort(codes, kind="stable")  # each key's rows in line order
        sizes = np.bincount(codes)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        twice = np.flatnonzero(sizes == 2)
        first, second = order[starts[twice]], order[starts[twice] + 1]
        two = _equals(rest.count, b"2")
        fits = (ok & two & _equals(rest.index, b"1"))[first]
        fits &= (ok & two & _equals(rest.index, b"2"))[second]
        if self.open:
            held = pa.array([_key_bytes(k) for k in self.open], pa.binary())
            fits &= ~_mask(pc.is_in(keys.take(pa.array(first)), value_set=held))
        first, second = first[fits], second[fits]
        taken[first] = taken[second] = True
        self.consumed += len(first)
        a, b = rest.take(first), rest.take(second)
        both = a.payload.type
        return taken, Frame(
            line_no=a.line_no,
            raw=pc.binary_join_element_wise(a.raw, b.raw, b"\n"),
            sentence=pc.binary_join_element_wise(a.sentence, b.sentence, b"\n"),
            count=pa.array([b"1"] * len(first), both),
            index=pa.array([b"1"] * len(first), both),
            seq=a.seq,
            channel=a.channel,
            payload=pc.binary_join_element_wise(a.payload, b.payload, b""),
            fill=b.fill,
            time_s=np.where(np.isnan(a.time_s), b.time_s, a.time_s),
            source=pc.coalesce(a.source, b.source),
            group=a.group,
        )

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


KEY_SEP: Final = b"\x1f"  # not in tag blocks or sentence fields (printable ASCII)


def _key_bytes(key: Key) -> bytes:
    """A message key as the bytes :func:`_keys` makes of it."""
    source, seq, channel, count = key
    if source is None and seq.startswith(b"g:") and channel == b"":  # a tag-block group
        return KEY_SEP.join([b"\x1dg", seq[2:], count])
    head = b"\x1e" if source is None else b"s" + source.encode()
    return KEY_SEP.join([head, seq, channel, count])


def _keys(frame: Frame) -> pa.Array:
    """Each row's message key (see :meth:`Assembler._fragment`) as bytes."""
    source = pc.binary_join_element_wise(b"s", frame.source.cast(pa.binary()), b"")
    source = pc.fill_null(source, b"\x1e")
    plain = pc.binary_join_element_wise(source, frame.seq, frame.channel, frame.count, KEY_SEP)
    grouped = pc.binary_join_element_wise(b"\x1dg", frame.group, frame.count, KEY_SEP)
    has_group = pc.fill_null(pc.greater(pc.binary_length(frame.group), 0), False)
    return pc.if_else(has_group, grouped, plain)


def _mask(values: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _equals(column: pa.Array, value: bytes) -> np.ndarray:
    mask = pc.fill_null(pc.equal(column, pa.scalar(value, pa.binary())), False)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)

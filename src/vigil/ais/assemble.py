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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from vigil.ais.nmea import Quarantined, SentenceColumns

MAX_OPEN_LINES: Final = 2_000  # a message whose first fragment is older than this is orphaned

# line, raw, sentence, (count, index, seq, channel, payload, fill), time, source, group
Fragment = tuple[int, bytes, bytes, tuple[bytes, ...], float, str | None, bytes | None]
Key = tuple[str | None, bytes, bytes, bytes]


@dataclass
class MessageColumns:
    """Complete messages (single or joined), one entry per message, as parallel columns."""

    line_no: list[int] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    sentences: list[tuple[bytes, ...]] = field(default_factory=list)
    payload: list[bytes] = field(default_factory=list)
    fill: list[bytes] = field(default_factory=list)
    time_s: list[float] = field(default_factory=list)
    source: list[str | None] = field(default_factory=list)
    channel: list[bytes] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.line_no)


class Assembler:
    """Stateful across chunks: holds the open multi-sentence messages."""

    def __init__(self) -> None:
        self.open: dict[Key, list[Fragment]] = {}
        self.consumed = 0  # fragments folded into a message other than its first line

    def assemble(
        self, sents: SentenceColumns, checksum_ok: list[bool], bad: Quarantined
    ) -> MessageColumns:
        """Turn sentences into messages; quarantine bad checksums and orphans into ``bad``."""
        out = MessageColumns()
        single = [
            ok and c == b"1" and x == b"1"
            for ok, c, x in zip(checksum_ok, sents.count, sents.index, strict=True)
        ]
        if all(single):
            self._singles(sents, out, range(len(single)))
        else:
            self._singles(sents, out, [i for i, one in enumerate(single) if one])
            for i in (i for i, one in enumerate(single) if not one):
                if not checksum_ok[i]:
                    bad.add(
                        sents.line_no[i],
                        "bad_checksum",
                        "NMEA checksum does not match",
                        sents.raw[i],
                    )
                    continue
                fields = (sents.count[i], sents.index[i], sents.seq[i], sents.channel[i])
                frag = (
                    *(sents.line_no[i], sents.raw[i], sents.sentence[i]),
                    (*fields, sents.payload[i], sents.fill[i]),
                    *(sents.time_s[i], sents.source[i], sents.group[i]),
                )
                self._fragment(frag, out, bad)
        self._expire(sents.line_no[-1] if sents.line_no else 0, bad)
        return out

    @staticmethod
    def _singles(sents: SentenceColumns, out: MessageColumns, rows: Sequence[int]) -> None:
        if isinstance(rows, range):
            out.line_no, out.raw, out.payload = sents.line_no, sents.raw, sents.payload
            out.fill, out.time_s, out.source = sents.fill, sents.time_s, sents.source
            out.channel = sents.channel
            out.sentences = [(s,) for s in sents.sentence]
            return
        out.line_no += [sents.line_no[i] for i in rows]
        out.raw += [sents.raw[i] for i in rows]
        out.sentences += [(sents.sentence[i],) for i in rows]
        out.payload += [sents.payload[i] for i in rows]
        out.fill += [sents.fill[i] for i in rows]
        out.time_s += [sents.time_s[i] for i in rows]
        out.source += [sents.source[i] for i in rows]
        out.channel += [sents.channel[i] for i in rows]

    def _fragment(self, frag: Fragment, out: MessageColumns, bad: Quarantined) -> None:
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

    def _emit(self, held: list[Fragment], out: MessageColumns) -> None:
        first = held[0]
        times = [f[4] for f in held if not math.isnan(f[4])]
        out.line_no.append(first[0])
        out.raw.append(b"\n".join(f[1] for f in held))
        out.sentences.append(tuple(f[2] for f in held))
        out.payload.append(b"".join(f[3][4] for f in held))
        out.fill.append(held[-1][3][5])
        out.time_s.append(times[0] if times else math.nan)
        out.source.append(next((f[5] for f in held if f[5] is not None), None))
        out.channel.append(first[3][3])
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

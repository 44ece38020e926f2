"""Join multi-sentence AIS messages, interleaved across channels, sequence ids and sources.

A fragment belongs to the message keyed by (source, sequence id, channel, fragment count),
or by its NMEA 4.10 tag-block group id (``g:1-2-1604``) when it has one.
A message is complete when fragments 1..count have arrived in order. Fragments that cannot
complete (a new fragment 1 restarts the key, an index arrives out of order, the message is
still open ``MAX_OPEN_LINES`` lines later or at the end of input) are quarantined as
``orphan_fragment``, each with its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from vigil.ais.nmea import Quarantined, SentenceColumns

MAX_OPEN_LINES: Final = 2_000  # a message whose first fragment is older than this is orphaned

Fragment = tuple[int, bytes, bytes, list[bytes], float | None, str | None, bytes | None]
Key = tuple[str | None, bytes, bytes, bytes]


@dataclass
class MessageColumns:
    """Complete messages (single or joined), one entry per message, as parallel columns."""

    line_no: list[int] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    sentences: list[tuple[bytes, ...]] = field(default_factory=list)
    payload: list[bytes] = field(default_factory=list)
    fill: list[bytes] = field(default_factory=list)
    time_s: list[float | None] = field(default_factory=list)
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
        for i, parts in enumerate(sents.parts):
            line_no, raw = sents.line_no[i], sents.raw[i]
            if not checksum_ok[i]:
                bad.add(line_no, "bad_checksum", "NMEA checksum does not match", raw)
            elif parts[1] == b"1" and parts[2] == b"1":
                out.line_no.append(line_no)
                out.raw.append(raw)
                out.sentences.append((sents.sentence[i],))
                out.payload.append(parts[5])
                out.fill.append(parts[6][:1])
                out.time_s.append(sents.time_s[i])
                out.source.append(sents.source[i])
                out.channel.append(parts[4])
            else:
                frag = (
                    *(line_no, raw, sents.sentence[i], parts),
                    *(sents.time_s[i], sents.source[i], sents.group[i]),
                )
                self._fragment(frag, out, bad)
        self._expire(sents.line_no[-1] if sents.line_no else 0, bad)
        return out

    def _fragment(self, frag: Fragment, out: MessageColumns, bad: Quarantined) -> None:
        parts = frag[3]
        try:
            count, index = int(parts[1]), int(parts[2])
        except ValueError:
            bad.add(frag[0], "bad_fragment", "fragment count or index is not a number", frag[1])
            return
        if not 1 <= index <= count <= 9:
            bad.add(frag[0], "bad_fragment", f"fragment {index} of {count}", frag[1])
            return
        group = frag[6]
        key: Key = (
            (None, b"g:" + group, b"", parts[1])
            if group
            else (frag[5], parts[3], parts[4], parts[1])
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
        times = [f[4] for f in held if f[4] is not None]
        out.line_no.append(first[0])
        out.raw.append(b"\n".join(f[1] for f in held))
        out.sentences.append(tuple(f[2] for f in held))
        out.payload.append(b"".join(f[3][5] for f in held))
        out.fill.append(held[-1][3][6][:1])
        out.time_s.append(times[0] if times else None)
        out.source.append(next((f[5] for f in held if f[5] is not None), None))
        out.channel.append(first[3][4])
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

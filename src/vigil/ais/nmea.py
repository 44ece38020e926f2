"""Split NMEA 0183 lines into AIS sentences, reading the wrappers that carry receive time.

Supported line shapes (each line gets exactly one disposition, see :mod:`vigil.ais.ingest`):

| shape | example | time from |
| --- | --- | --- |
| bare sentence | ``!AIVDM,1,1,,A,15M...,0*1C`` | none (see ``assume_time``) |
| NMEA 4.10 tag block | ``\\s:rORBCOMM,c:1418169601*55\\!AIVDM,...`` | ``c:`` (seconds or ms) |
| unix-time prefix | ``1418169601.25 !AIVDM,...`` or ``1418169601;!AIVDM,...`` | the prefix |
| USCG / libais suffix | ``!AIVDM,...,0*70,b003669794,1272412827`` | first 9+ digit field after ``*hh`` |
| Gatehouse wrapper | ``$PGHP,1,2008,5,9,0,0,0,10,...`` then ``!AIVDM,...`` | the ``$PGHP`` line, for the next |

Lines with no receive time are never given "now": they keep ``time_s = None`` and the ingest
quarantines them as ``no_timestamp`` unless the analyst passes ``assume_time``.
This module is on the hot path, so records are plain tuples in column lists, not objects.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from vigil.ais.frames import Frame

AIS_TALKER_SUFFIXES = (b"VDM", b"VDO")
MILLISECOND_EPOCH_THRESHOLD = 100_000_000_000  # a c: value above this is in milliseconds


@dataclass
class Quarantined:
    """Lines set aside in a chunk: line number, reason code, detail and raw text."""

    line_no: list[int] = field(default_factory=list)
    reason: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)

    def add(self, line_no: int, reason: str, detail: str, raw: bytes) -> None:
        """Set aside one line."""
        self.line_no.append(line_no)
        self.reason.append(reason)
        self.detail.append(detail)
        self.raw.append(raw)

    def extend(self, other: Quarantined) -> None:
        """Append every line of ``other``."""
        self.line_no += other.line_no
        self.reason += other.reason
        self.detail += other.detail
        self.raw += other.raw


@dataclass
class SentenceColumns:
    """The AIS sentences of a chunk, one entry per line, as parallel columns."""

    line_no: list[int] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    sentence: list[bytes] = field(default_factory=list)
    count: list[bytes] = field(default_factory=list)
    index: list[bytes] = field(default_factory=list)
    seq: list[bytes] = field(default_factory=list)
    channel: list[bytes] = field(default_factory=list)
    payload: list[bytes] = field(default_factory=list)
    fill: list[bytes] = field(default_factory=list)
    time_s: list[float] = field(default_factory=list)  # NaN: the line has no receive time
    source: list[str | None] = field(default_factory=list)
    group: list[bytes | None] = field(default_factory=list)

    def extend(self, other: SentenceColumns) -> None:
        """Append every sentence of ``other``."""
        for name in self.__dataclass_fields__:
            getattr(self, name).extend(getattr(other, name))

    def frame(self) -> Frame:
        """The sentences as a :class:`Frame`."""
        return Frame.from_lists({name: getattr(self, name) for name in self.__dataclass_fields__})


@dataclass
class ParsedChunk:
    """What :class:`LineSplitter` made of a chunk of lines."""

    sentences: Frame
    quarantined: Quarantined
    ignored: dict[str, int]


def nmea_checksum(body: bytes) -> int:
    """The XOR of every byte of ``body`` (the text between ``!``/``\\`` and ``*``)."""
    value = 0
    for byte in body:
        value ^= byte
    return value


def gatehouse_time(line: bytes) -> float | None:
    """The UTC unix time of a ``$PGHP,1,Y,M,D,h,m,s,ms,...`` line, or None if malformed."""
    parts = line.split(b",")
    try:
        year, month, day, hour, minute, sec, ms = (int(p) for p in parts[2:9])
        stamp = calendar.timegm((year, month, day, hour, minute, sec, 0, 0, 0))
    except (ValueError, OverflowError):
        return None
    return stamp + ms / 1000.0


class LineSplitter:
    """Turns raw lines into sentences; keeps the Gatehouse time between chunks."""

    def __init__(self) -> None:
        self.pending_time: float | None = None

    def split(self, lines: list[bytes], first_line_no: int) -> ParsedChunk:
        """Split ``lines`` (numbered from ``first_line_no``) into sentences and set-asides.

        Chunks without Gatehouse wrappers take the vectorised path for their common lines.
        """
        if self.pending_time is not None or b"$PGHP" in b"".join(lines):
            return self.split_slow(lines, range(first_line_no, first_line_no + len(lines)))
        from vigil.ais.nmea_fast import fast_split  # here: nmea_fast imports this module

        fast, rest = fast_split(lines, first_line_no)
        if not rest:
            return ParsedChunk(fast, Quarantined(), {"blank": 0, "comment": 0, "wrapper": 0})
        slow = self.split_slow([lines[i] for i in rest], [first_line_no + i for i in rest])
        both = Frame.concat([fast, slow.sentences])
        both = both.take(np.argsort(both.line_no, kind="stable"))
        return ParsedChunk(both, slow.quarantined, slow.ignored)

    def split_slow(self, lines: list[bytes], numbers: Iterable[int]) -> ParsedChunk:
        """Split lines one by one (every shape; keeps the Gatehouse time)."""
        out = SentenceColumns()
        bad = Quarantined()
        ignored = {"blank": 0, "comment": 0, "wrapper": 0}
        for original, line_no in zip(lines, numbers, strict=True):
            line = original.strip()
            if not line:
                ignored["blank"] += 1
                continue
            head = line[:1]
            if head == b"!" and line[-3:-2] == b"*":
                self._keep(out, bad, line_no, line, line, None, None, None)
            elif head == b"#":
                ignored["comment"] += 1
            elif head == b"$":
                if line.startswith(b"$PGHP"):
                    self.pending_time = gatehouse_time(line)
                    ignored["wrapper"] += 1
                else:
                    bad.add(line_no, "not_ais", "not an AIS sentence", line)
            else:
                self._wrapped(out, bad, line_no, line)
        return ParsedChunk(out.frame(), bad, ignored)

    def _wrapped(self, out: SentenceColumns, bad: Quarantined, line_no: int, line: bytes) -> None:
        start = line.find(b"!")
        star = line.find(b"*", start)
        if start < 0 or star < 0 or len(line) < star + 3:
            reason = "not_ais" if start < 0 else "truncated"
            bad.add(line_no, reason, "no complete AIS sentence on the line", line)
            return
        sentence, prefix, suffix = line[start : star + 3], line[:start], line[star + 3 :]
        time_s: float | None = None
        source: str | None = None
        group: bytes | None = None
        if prefix.startswith(b"\\"):
            parsed = _tag_block(prefix)
            if parsed is None:
                bad.add(line_no, "bad_tag_block", "tag block malformed or checksum wrong", line)
                return
            time_s, source, group = parsed
        elif prefix:
            try:
                time_s = float(prefix.strip(b" ;,\t"))
            except ValueError:
                bad.add(line_no, "bad_prefix", f"unreadable prefix {prefix[:40]!r}", line)
                return
        if suffix:
            time_s, source = _uscg_suffix(suffix, time_s, source)
        self._keep(out, bad, line_no, line, sentence, time_s, source, group)

    def _keep(
        self,
        out: SentenceColumns,
        bad: Quarantined,
        line_no: int,
        line: bytes,
        sentence: bytes,
        time_s: float | None,
        source: str | None,
        group: bytes | None,
    ) -> None:
        parts = sentence.split(b",")
        if len(parts) != 7 or parts[0][3:6] not in AIS_TALKER_SUFFIXES:
            bad.add(line_no, "not_ais", "not a 7-field !xxVDM/VDO sentence", line)
            return
        if time_s is None and self.pending_time is not None:
            time_s = self.pending_time
            self.pending_time = None
        out.line_no.append(line_no)
        out.raw.append(line)
        out.sentence.append(sentence)
        out.count.append(parts[1])
        out.index.append(parts[2])
        out.seq.append(parts[3])
        out.channel.append(parts[4])
        out.payload.append(parts[5])
        out.fill.append(parts[6][:1])
        out.time_s.append(math.nan if time_s is None else time_s)
        out.source.append(source)
        out.group.append(group)


def _tag_block(prefix: bytes) -> tuple[float | None, str | None, bytes | None] | None:
    """Read ``\\k:v,k:v*hh\\``: time (``c:``), source (``s:``) and group id (``g:``).

    None if malformed.
    """
    end = prefix.find(b"\\", 1)
    body = prefix[1:end] if end > 0 else b""
    star = body.rfind(b"*")
    if star < 0:
        return None
    try:
        if nmea_checksum(body[:star]) != int(body[star + 1 :], 16):
            return None
    except ValueError:
        return None
    time_s: float | None = None
    source: str | None = None
    group: bytes | None = None
    for item in body[:star].split(b","):
        key, _, value = item.partition(b":")
        if key == b"c":
            try:
                stamp = float(value)
            except ValueError:
                return None
            time_s = stamp / 1000.0 if stamp > MILLISECOND_EPOCH_THRESHOLD else stamp
        elif key == b"s":
            source = value.decode("ascii", "replace")
        elif key == b"g":
            group = value.rpartition(b"-")[2]
    return time_s, source, group


def _uscg_suffix(
    suffix: bytes, time_s: float | None, source: str | None
) -> tuple[float | None, str | None]:
    """Read ``,b003669794,1272412827``-style trailers: station id and receive time."""
    for item in suffix.split(b",")[1:]:
        if source is None and item[:1] in (b"b", b"r") and item[1:].isdigit():
            source = item.decode("ascii")
        elif time_s is None and len(item) >= 9 and item.isdigit():
            time_s = float(item)
    return time_s, source

"""Scan text for register entries: the library entry points.

>>> matcher = DocumentMatcher.from_entities(entities)    # once
>>> mentions = scan_text(text, matcher)                  # any number of documents

Long texts are scanned in chunks of ``CHUNK_CHARS`` that overlap by ``OVERLAP_CHARS`` (cut at
white space), so memory stays bounded; mentions found twice in an overlap are kept once.
Offsets are always offsets into the whole text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from vigil.documents.anchors import Anchors, surname_parts
from vigil.documents.identify import identifier_mentions
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.mention import Mention
from vigil.documents.tokens import TokenStream
from vigil.documents.verify import name_mentions, resolve

CHUNK_CHARS: Final = 1_000_000
OVERLAP_CHARS: Final = 400  # longer than any name span, so no mention is cut in two


@dataclass
class _State:
    """What scanning carries from one chunk to the next."""

    anchors: Anchors = field(default_factory=Anchors)
    recent: list[Mention] = field(default_factory=list)  # emitted, reaching into the overlap


def scan_text(text: str, matcher: DocumentMatcher) -> list[Mention]:
    """Every mention of a register entry in ``text``, in text order."""
    return list(scan_chunks(_pieces(text), matcher))


def _pieces(text: str) -> Iterator[str]:
    for start in range(0, len(text), CHUNK_CHARS):
        yield text[start : start + CHUNK_CHARS]


def scan_chunks(pieces: Iterable[str], matcher: DocumentMatcher) -> Iterator[Mention]:
    """Mentions in a text given as consecutive pieces (of any size), in text order.

    A chunk emits only the mentions that start before the next chunk does (later ones are
    found again with their context on both sides); a mention overlapping one already emitted
    is a partial view of it and is dropped.
    """
    state = _State()
    buffer, offset = "", 0
    for piece in pieces:
        buffer += piece
        if len(buffer) < CHUNK_CHARS:
            continue
        cut = _cut(buffer)
        keep = _overlap_start(buffer, cut)
        yield from _scan(buffer[:cut], offset, matcher, state, offset + keep)
        buffer, offset = buffer[keep:], offset + keep
    if buffer:
        yield from _scan(buffer, offset, matcher, state, None)


def _cut(buffer: str) -> int:
    """Where to end a chunk: the last white space (or the end when there is none)."""
    space = max(buffer.rfind(" "), buffer.rfind("\n"))
    return space if space > len(buffer) // 2 else len(buffer)


def _overlap_start(buffer: str, cut: int) -> int:
    start = max(0, cut - OVERLAP_CHARS)
    space = buffer.find(" ", start, cut)
    return space if space > 0 else cut


def _scan(
    chunk: str, offset: int, matcher: DocumentMatcher, state: _State, emit_before: int | None
) -> list[Mention]:
    stream = TokenStream.from_text(chunk, matcher.vocabulary)
    local: list[Mention] = []
    for reading in (stream, stream.cyrillic_reading()):
        if reading is None:
            continue
        for hit in matcher.hits(reading):
            if hit.records:
                local.extend(name_mentions(matcher, reading, hit))
            if hit.identifiers:
                local.extend(identifier_mentions(matcher, reading, hit))
    found = [_shift(m, offset) for m in resolve(local)]
    for mention in found:
        if mention.kind == "name" and mention.schema == "Person":
            record = matcher.by_id[mention.entity_id]
            state.anchors.add(mention, _surnames(record.names, mention.text))
    found = resolve(found + state.anchors.references(stream, offset, found))
    fresh = [
        m
        for m in found
        if (emit_before is None or m.start < emit_before)
        and not any(m.overlaps(r) for r in state.recent)
    ]
    state.recent = [m for m in state.recent + fresh if emit_before and m.end > emit_before]
    return fresh


def _surnames(names: tuple[str, ...], mention_text: str) -> list[str]:
    parts: list[str] = []
    for name in names[:1]:  # the entry's main name says which part is the family name
        parts.extend(surname_parts(name, mention_text))
    return parts


def _shift(mention: Mention, offset: int) -> Mention:
    if not offset:
        return mention
    from dataclasses import replace

    return replace(mention, start=mention.start + offset, end=mention.end + offset)

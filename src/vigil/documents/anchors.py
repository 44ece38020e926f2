"""References back: a bare surname (possibly inflected) after a full mention of a person.

After ``Präsident Wladimir Putin``, a later ``Putin`` or ``Putins`` refers to the same entry;
after ``Maria Zakharova``, a bare ``Zakharova`` is her, not another listed Zakharova. Only
entries already mentioned in full in the same document are candidates, and a bare name shared
by several of them goes to the one mentioned last before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vigil.documents import rules
from vigil.documents.mention import Mention, snippet
from vigil.documents.tokens import TokenStream, fold, name_parts
from vigil.screening.korean import looks_korean


@dataclass
class Anchors:
    """Surname forms of the people mentioned so far, each with its latest full mention."""

    forms: dict[str, Mention] = field(default_factory=dict)

    def add(self, mention: Mention, surname_parts: list[str]) -> None:
        """Remember a full mention under its surname and that surname's inflections."""
        for part in surname_parts:
            if len(part) < rules.ANCHOR_MIN_CHARS:
                continue
            for ending in ("", *rules.INFLECTIONS):
                known = self.forms.get(part + ending)
                if known is None or known.start <= mention.start:
                    self.forms[part + ending] = mention

    def references(self, stream: TokenStream, offset: int, taken: list[Mention]) -> list[Mention]:
        """Bare surnames in ``stream`` (starting at document offset ``offset``) after their
        anchor, outside the spans of ``taken`` mentions. A form is a whole folded word: the
        forms among the stream's words are found by set intersection, then by ``str.find``."""
        found = []
        for local_start, local_end, word in _occurrences(stream, self.forms.keys()):
            start, end = offset + local_start, offset + local_end
            anchor = self.forms[word]
            if anchor.end > start or any(m.start < end and start < m.end for m in taken):
                continue
            first = stream.text[local_start : local_start + 1]
            if not first.isupper() and first.lower() != first.upper():
                continue
            found.append(_reference(anchor, stream.text, local_start, local_end, offset))
        return found


def _occurrences(stream: TokenStream, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of every whole-word occurrence of ``words`` in the stream, in text
    order (the folded text holds words separated by spaces only)."""
    folded = stream.folded
    found = []
    for word in stream.vocabulary().intersection(words):
        at = folded.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or folded[at - 1] == " ") and (end == len(folded) or folded[end] == " "):
                found.append((at, end, word))
            at = folded.find(word, end)
    return sorted(found)


def _reference(anchor: Mention, text: str, start: int, end: int, offset: int) -> Mention:
    return Mention(
        entity_id=anchor.entity_id,
        caption=anchor.caption,
        schema=anchor.schema,
        lists=anchor.lists,
        programs=anchor.programs,
        kind="reference",
        start=offset + start,
        end=offset + end,
        text=text[start:end],
        snippet=snippet(text, start, end),
        score=anchor.score,
        explanation=f"refers back to {anchor.text!r} at {anchor.start}-{anchor.end} "
        f"({anchor.caption})",
    )


def surname_parts(register_name: str, mention_text: str) -> list[str]:
    """The family name of a register name (before a comma; first of a Korean name, else
    last), in the register's and in the mention's spelling (folded, lower-case)."""
    head, comma, _ = register_name.partition(",")
    parts = name_parts(head if comma else register_name)
    if not parts:
        return []
    korean_order = all(looks_korean(p) for p in parts)
    family = parts if comma else [parts[0]] if korean_order else [parts[-1]]
    mentioned = fold(mention_text).split()
    spelled = [w for w in mentioned if any(_close(w, f) for f in family)]
    return list(dict.fromkeys([*family, *spelled]))


def _close(word: str, family: str) -> bool:
    parts = name_parts(word)
    return bool(parts) and (parts[0] == family or parts[0][:4] == family[:4])

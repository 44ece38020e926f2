"""References back: a bare surname (possibly inflected) after a full mention of a person.

After ``Präsident Wladimir Putin``, a later ``Putin`` or ``Putins`` refers to the same entry;
after ``Maria Zakharova``, a bare ``Zakharova`` is her, not another listed Zakharova. Only
entries already mentioned in full in the same document are candidates, and a bare name shared
by several of them goes to the one mentioned last before it.
"""

from __future__ import annotations

import re
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
        anchor, outside the spans of ``taken`` mentions."""
        if not self.forms:
            return []
        pattern = re.compile(
            r"(?<![\w'’])(" + "|".join(map(re.escape, self.forms)) + r")(?![\w'’])"
        )
        found = []
        for match in pattern.finditer(stream.folded):
            start, end = offset + match.start(), offset + match.end()
            anchor = self.forms[match.group(1)]
            if anchor.end > start or any(m.start < end and start < m.end for m in taken):
                continue
            words = stream.text[match.start() : match.end()]
            if not words[:1].isupper() and words[:1].lower() != words[:1].upper():
                continue
            found.append(_reference(anchor, stream.text, match.start(), match.end(), offset))
        return found


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

"""A mention: one place in a document where a register entry is named or identified."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

MentionKind = Literal["name", "identifier", "reference"]
SNIPPET_CHARS: Final = 60  # context on each side of a mention in its snippet


@dataclass(frozen=True, slots=True)
class Mention:
    """A register entry found in a text span.

    ``start``/``end`` are character offsets into the document's text (for HTML and PDF: the
    extracted text). ``kind`` is ``name`` (a full name or alias), ``identifier`` (an IMO,
    MMSI, call sign, passport number or crypto address) or ``reference`` (a bare surname that
    refers back to an earlier full mention). ``score`` is the screening score of the span
    (1.0 for a checked identifier); ``explanation`` says why.
    """

    entity_id: str
    caption: str
    schema: str
    lists: tuple[str, ...]
    programs: tuple[str, ...]
    kind: MentionKind
    start: int
    end: int
    text: str
    snippet: str
    score: float
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["lists"], data["programs"] = list(self.lists), list(self.programs)
        data["score"] = round(self.score, 4)
        return data

    def overlaps(self, other: Mention) -> bool:
        """Whether two mentions share characters."""
        return self.start < other.end and other.start < self.end


def snippet(text: str, start: int, end: int) -> str:
    """The mention with some context, on one line."""
    left = max(0, start - SNIPPET_CHARS)
    right = min(len(text), end + SNIPPET_CHARS)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")

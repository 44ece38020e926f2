"""Distinctiveness rules: what may become an automaton key and what a mention must show.

These are data, read by :mod:`vigil.documents.keys` (which names enter the automaton) and
:mod:`vigil.documents.verify` (which hits become mentions). Every rule exists to keep false
alarms low in ordinary text; ``bench/docs`` reports mentions per MB with and without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Final

from vigil.documents.tokens import name_parts

MIN_PART_CHARS: Final = 2  # a name part shorter than this never enters a key
MIN_PAIR_CHARS: Final = 5  # letters in a two-part key ("kim un" passes, "o ri" does not)
MIN_SINGLE_CHARS: Final = 5  # a one-part organisation or vessel name ("GRACEFUL")
MIN_IDENTIFIER_CHARS: Final = 6  # identifiers shorter than this are never keys
MAX_NAME_PARTS: Final = 8  # longer names give keys from their first parts only
SPAN_REACH: Final = 3  # extra tokens tried on each side of a hit when verifying
WEAK_PART_CHARS: Final = 3  # shorter parts ("Ri", "Je", "A") say little about who is meant
# A mention made only of weak parts (short, stop words, common name parts: "Kim Chol",
# "Abdul Karim") must be a whole register name of at least this many parts, this well matched.
COMMON_NAME_MIN_PARTS: Final = 3
COMMON_NAME_MIN_SCORE: Final = 0.95
# Read from Cyrillic, a Korean syllable aligns at 0.92 at best (screening's Korean similarity:
# one Cyrillic spelling, several readings), so a whole three-part name scores about 0.95. Such
# spans count every Korean syllable as weak (verify.covered).
COMMON_NAME_MIN_SCORE_CYRILLIC: Final = 0.90
ANCHOR_MIN_CHARS: Final = 3  # a bare surname that refers back must have this many letters
REQUIRE_CAPITALS: Final = True  # in cased scripts, every part of a mention starts upper-case
# Characters a mention never spans (sentence ends, brackets, quotes, line breaks).
SPAN_BREAKS: Final = frozenset('.!?;:()[]{}"“”„«»\n\r\t|/')
# Endings that inflect a surname after its full mention (German genitive, Russian cases).
INFLECTIONS: Final = ("s", "es", "'s", "a", "e", "u", "om", "ym", "im", "oj", "oy", "ой", "ом")


@dataclass(frozen=True)
class IdentifierRule:
    """How one kind of identifier is found: its minimum length, and the context words of
    which one must stand within ``reach`` tokens before it (empty: no context needed)."""

    kind: str
    min_chars: int
    context: frozenset[str] = field(default_factory=frozenset)
    reach: int = 4


_ID_WORDS: Final = frozenset(
    [
        "no",
        "nr",
        "number",
        "numero",
        "nummer",
        "id",
        "identification",
        "passport",
        "passeport",
        "pass",
        "reisepass",
        "паспорт",
        "registration",
        "imo",
        "mmsi",
    ]
)
IDENTIFIER_RULES: Final[dict[str, IdentifierRule]] = {
    "imoNumber": IdentifierRule("imo", 7),  # the check digit is required instead
    "mmsi": IdentifierRule("mmsi", 9),  # a valid MID is required instead
    "callSign": IdentifierRule(
        "call_sign",
        4,
        frozenset(["call", "sign", "callsign", "rufzeichen", "indicatif", "позывной"]),
    ),
    "passportNumber": IdentifierRule("passport", 6, _ID_WORDS),
    "idNumber": IdentifierRule("id_number", 6, _ID_WORDS),
    "registrationNumber": IdentifierRule("registration", 6, _ID_WORDS),
    "publicKey": IdentifierRule("crypto", 20),
}


def _read(name: str) -> dict[str, frozenset[str]]:
    text = resources.files("vigil.documents").joinpath(f"data/{name}").read_text("utf-8")
    groups: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, _, words = line.partition(":")
        groups[group.strip()] = frozenset(p for w in words.split() for p in name_parts(w))
    return groups


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Stop words (ASCII parts) of every language in ``data/stopwords.txt``."""
    return frozenset().union(*_read("stopwords.txt").values())


@lru_cache(maxsize=1)
def common_parts() -> frozenset[str]:
    """Common name parts (ASCII) (``data/common_names.txt``)."""
    return frozenset().union(*_read("common_names.txt").values())


def is_weak(part: str) -> bool:
    """Whether an ASCII name part is too short, a stop word or a common name part."""
    return len(part) < WEAK_PART_CHARS or part in stop_words() or part in common_parts()


def distinctive_pair(first: str, second: str) -> bool:
    """Whether two adjacent parts may form a key: long enough and not both stop words."""
    if len(first) < MIN_PART_CHARS or len(second) < MIN_PART_CHARS:
        return False
    if len(first) + len(second) < MIN_PAIR_CHARS or first == second:
        return False
    # One stop word is allowed ("Jong Un": "un" is French); two are not ("de la"). Two common
    # parts still make a key ("Kim Jong" of "Kim Jong Un"): verification applies the
    # COMMON_NAME_* rules to what the key finds.
    return not (first in stop_words() and second in stop_words())


def distinctive_single(part: str) -> bool:
    """Whether a one-part organisation or vessel name may be a key by itself."""
    return len(part) >= MIN_SINGLE_CHARS and not part.isdigit() and not is_weak(part)

"""Document text as a stream of normalised tokens, with offsets back into the original text.

Two steps, both chosen for speed (documents are scanned at several MB/s):

1. **Fold** (vectorised, one numpy look-up per character): letters and digits are lower-cased,
   apostrophes are kept inside words, every other character becomes a space. The fold keeps
   the length of the text, so a folded offset *is* an original offset.
2. **Normalise** each distinct token once (the matcher's
   :class:`~vigil.documents.vocabulary.Vocabulary`: new words in one batch): transliterate to
   ASCII (Cyrillic, Greek, Latin diacritics, Hangul in McCune-Reischauer), drop apostrophes,
   then reduce to the key screening compares: the Korean romanization key for tokens made of
   Korean syllables (also German-spelled: ``Dschong``), otherwise the Latin spelling skeleton
   (``Wladimir`` → ``vladimir``). Words in no automaton key get the empty key.

The automaton runs over the normalised tokens joined by single spaces (and, for text with
Cyrillic, over a second reading with Cyrillic Korean keys, see
:mod:`vigil.documents.spellings`); :class:`TokenStream` maps a hit in that string back to
original tokens and character offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt

from vigil.documents.spellings import cyrillic_keys, german_korean, has_cyrillic
from vigil.documents.vocabulary import COMMON, Vocabulary
from vigil.screening import korean
from vigil.screening.normalize import latin_tokens
from vigil.screening.variants import skeleton

APOSTROPHES: Final = "'’‘`´ʼʻ"
SPACE: Final = 32
_HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")
# English-style transliteration of Russian -> German (Duden), applied in order (data).
GERMAN_TRANSLITERATION: Final[tuple[tuple[str, str], ...]] = (
    (r"shch", "\x01"),
    (r"zh", "\x02"),
    (r"^z|(?<=[aeiou])z(?=[aeiou])", "s"),
    (r"ts", "z"),
    (r"ch", "tsch"),
    (r"kh", "ch"),
    (r"sh", "sch"),
    (r"v", "w"),
    (r"y(?=[aeiou])", "j"),
    (r"\x01", "schtsch"),
    (r"\x02", "sch"),
)
_GERMAN: Final = tuple((re.compile(p), r) for p, r in GERMAN_TRANSLITERATION)


@lru_cache(maxsize=1)
def fold_table() -> npt.NDArray[np.uint16]:
    """UTF-16 code unit → folded code unit (built once). Surrogates pass through, so
    characters outside the Basic Multilingual Plane stay word characters."""
    table = np.full(0x10000, SPACE, dtype=np.uint16)
    for code in range(0x10000):
        char = chr(code)
        if char.isalnum() or unicodedata.category(char)[0] == "M":
            lower = char.lower()
            table[code] = ord(lower) if len(lower) == 1 and ord(lower) < 0x10000 else code
        elif char in APOSTROPHES or 0xD800 <= code <= 0xDFFF:
            table[code] = code
    return table


def code_points(text: str) -> npt.NDArray[np.uint32]:
    """The code points of ``text`` as an array (lone surrogates pass through)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def fold(text: str) -> str:
    """``text`` with the same length, lower-cased, every non-word character a space."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    return fold_table().take(units).tobytes().decode("utf-16-le", "surrogatepass")


@lru_cache(maxsize=400_000)
def surface_parts(token: str) -> tuple[str, ...]:
    """The lower-case ASCII parts of one word (Hangul read in McCune-Reischauer)."""
    if _HANGUL.search(token):
        token = korean.romanize_hangul(token, "mr")
    return latin_tokens(token)


@lru_cache(maxsize=400_000)
def normalize_token(token: str) -> str:
    """The comparison key of one word (possibly several space-separated parts, or empty)."""
    return " ".join(part_key(p) for p in surface_parts(token))


@lru_cache(maxsize=400_000)
def part_key(part: str) -> str:
    """Korean key for a romanized Korean syllable string, else the Latin spelling skeleton.

    This is the one key a document word gets; register parts get every key a spelling of
    them may get (:func:`part_variants`).
    """
    if not part.isascii() or any(c.isdigit() for c in part):
        return part
    if korean.looks_korean(part):
        return korean.korean_key(part)
    reread = german_korean(part)  # Dschong = Jong
    return korean.korean_key(reread) if reread else skeleton(part)


@lru_cache(maxsize=400_000)
def part_variants(part: str) -> frozenset[str]:
    """Keys under which a register name part is found: its own key, its Latin skeleton and
    the key of that skeleton (``Mariya`` → ``maria``, which a document's ``Maria`` gets)."""
    keys = {part_key(part)}
    if part.isascii() and not any(c.isdigit() for c in part):
        for spelling in (part, german_spelling(part)):
            spelled = skeleton(spelling)
            keys.update((part_key(spelling), spelled, part_key(spelled)))
    return frozenset(keys)


def german_spelling(part: str) -> str:
    """A Russian name part as German transliterates it (``zakharova`` → ``sacharowa``)."""
    for pattern, repl in _GERMAN:
        part = pattern.sub(repl, part)
    return part


def name_parts(name: str) -> list[str]:
    """The ASCII parts of a name, split exactly as the same words in a document would be."""
    return [p for token in fold(name).split() for p in surface_parts(token)]


def normalize_name(name: str) -> list[str]:
    """The keys of a name's parts, exactly as the same words in a document would get."""
    return [part_key(p) for p in name_parts(name)]


@dataclass
class TokenStream:
    """One piece of text: its tokens, their keys joined by spaces, and offsets on demand."""

    text: str
    folded: str
    tokens: list[str]
    keys: list[str]
    joined: str
    _starts: npt.NDArray[np.int64] | None = field(default=None, repr=False)
    _spans: npt.NDArray[np.int64] | None = field(default=None, repr=False)
    _vocabulary: frozenset[str] | None = field(default=None, repr=False)

    def vocabulary(self) -> frozenset[str]:
        """The distinct tokens of the stream."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(self.tokens)
        return self._vocabulary

    def cyrillic_reading(self) -> TokenStream | None:
        """The same stream with Cyrillic words that read as Korean under their Cyrillic keys
        (:mod:`vigil.documents.spellings`), or None when it has none."""
        if not has_cyrillic(self.folded):
            return None
        alternatives = cyrillic_keys(self.vocabulary())
        if not alternatives:
            return None
        keys = [alternatives.get(t, k) for t, k in zip(self.tokens, self.keys, strict=True)]
        return TokenStream(self.text, self.folded, self.tokens, keys, f" {' '.join(keys)} ",
                           _spans=self._spans, _vocabulary=self._vocabulary)  # fmt: skip

    @classmethod
    def from_text(cls, text: str, vocabulary: Vocabulary = COMMON) -> TokenStream:
        """Fold, split and normalise ``text`` (the hot path: no per-character Python, and
        per-word work only for words ``vocabulary`` has not seen)."""
        folded = fold(text)
        tokens = folded.split()
        distinct = frozenset(tokens)
        keys = vocabulary.keys_of(tokens, distinct, normalize_token)
        return cls(text, folded, tokens, keys, f" {' '.join(keys)} ", _vocabulary=distinct)

    def token_at(self, joined_offset: int) -> int:
        """The index of the original token whose key covers ``joined_offset``."""
        if self._starts is None:
            lengths = np.fromiter(map(len, self.keys), dtype=np.int64, count=len(self.keys))
            self._starts = np.concatenate(([1], 1 + np.cumsum(lengths + 1)))  # joined: " a b "
        return int(np.searchsorted(self._starts, joined_offset, side="right")) - 1

    def spans(self) -> npt.NDArray[np.int64]:
        """(start, end) character offsets of every token, in the original text."""
        if self._spans is None:
            word = code_points(self.folded) != SPACE
            edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
            starts = np.flatnonzero(edges == 1)
            ends = np.flatnonzero(edges == -1)
            self._spans = np.stack([starts, ends], axis=1).astype(np.int64)
        return self._spans

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets from the start of token ``first`` to the end of token ``last``."""
        spans = self.spans()
        return int(spans[first, 0]), int(spans[last, 1])

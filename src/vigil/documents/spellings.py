"""Korean names as other languages write them in running text: German and Cyrillic.

* **German** writes ㅈ and ㅊ as ``dsch`` and ``tsch`` (``Kim Dschong Un``). A document word
  that reads as Korean syllables once those are put back (``dschong`` → ``jong``) gets the
  Korean key of that reading, so it meets the register's ``Jong``; verification scores the
  span in that reading too (screening compares ``Jong`` with ``Jong``, not with ``Dschong``).
* **Cyrillic** (Kontsevich and the press's informal spellings: ``Ким Чен Ын``, ``Чхве Рён
  Хэ``) is read with screening's own :func:`vigil.screening.korean.cyrillic_spellings`. One
  Cyrillic syllable has several Korean readings (``Чен`` is ``chen``, ``chong``, …), so both
  sides are reduced to a coarser *Cyrillic key* (:data:`CYRILLIC_KEY_REWRITES` over the Korean
  key) in which those readings agree. The keys carry a ``~`` mark, so they never meet the
  keys of Latin text: the automaton reads a second *Korean reading* of a chunk (Cyrillic
  words replaced by their Cyrillic keys) only when the chunk holds Cyrillic, and the register
  adds, for each Korean-looking person name, the pairs of its parts' Cyrillic keys.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from vigil.screening.korean import cyrillic_spellings, korean_key, looks_korean

MARK: Final = "~"  # Cyrillic keys start with this (never in a Latin key)
# German spellings of Korean consonants -> the romanization they stand for (data).
GERMAN_KOREAN: Final[tuple[tuple[str, str], ...]] = (("dsch", "j"), ("tsch", "ch"))
# Korean key -> Cyrillic key: the distinctions Cyrillic spellings do not keep (data).
CYRILLIC_KEY_REWRITES: Final[tuple[tuple[str, str], ...]] = (
    (r"nk", "n"),  # Kontsevich writes a final ㅇ as н (Ён = Yong)
    (r"(?<=c)e", "o"),  # informal Чен = Jong
    (r"yo", "o"),  # ё for ㅕ/ㅓ (Рён = Ryong)
    (r"(.)\1", r"\1"),
)
_CYRILLIC_RULES: Final = tuple((re.compile(p), r) for p, r in CYRILLIC_KEY_REWRITES)
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_GERMAN_WORD: Final = re.compile(r"\S*(?:[Dd]sch|[Tt]sch)\S*")


def german_korean(part: str) -> str | None:
    """A lower-case word with German ``dsch``/``tsch`` as Korean syllables, else None."""
    if "sch" not in part:
        return None
    for old, new in GERMAN_KOREAN:
        part = part.replace(old, new)
    return part if looks_korean(part) else None


def korean_reading(words: str) -> str:
    """A span with its German-spelled Korean words rewritten (``Kim Dschong Un`` → ``Kim
    Jong Un``); other words as they are."""
    if "sch" not in words:
        return words

    def reread(match: re.Match[str]) -> str:
        word = match.group(0)
        korean = german_korean(word.lower())
        return korean.capitalize() if korean else word

    return _GERMAN_WORD.sub(reread, words)


def _cyrillic_key_of(key: str) -> str:
    for pattern, repl in _CYRILLIC_RULES:
        key = pattern.sub(repl, key)
    return MARK + key


@lru_cache(maxsize=100_000)
def register_cyrillic_key(part: str) -> str | None:
    """The Cyrillic key of a register name part that looks Korean (``jong`` → ``~con``)."""
    return _cyrillic_key_of(korean_key(part)) if looks_korean(part) else None


@lru_cache(maxsize=100_000)
def document_cyrillic_key(word: str) -> str | None:
    """The Cyrillic key of a folded document word written in Cyrillic that reads as Korean
    syllables (``чен`` → ``~con``), else None."""
    if not _CYRILLIC.search(word):
        return None
    spellings = cyrillic_spellings(word)
    literal = spellings[0].replace("v", "w")  # в before a vowel is w in Korean (Гвон = Gwon)
    for spelling in (literal, *spellings):
        if looks_korean(spelling):
            return _cyrillic_key_of(korean_key(spelling))
    return None


def cyrillic_keys(words: frozenset[str]) -> dict[str, str]:
    """The Cyrillic keys of those of ``words`` that have one."""
    found = {}
    for word in words:
        key = document_cyrillic_key(word)
        if key is not None:
            found[word] = key
    return found


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds any Cyrillic letter."""
    return _CYRILLIC.search(text) is not None

"""Keys of document words, normalised a batch at a time (the first pass over new text).

A document's words are normalised once per distinct word (:func:`keys_of` keeps them in a
bounded table). New words are not normalised one by one: the plain ones (lower-case ASCII
letters, most words of most texts) are joined into one string, one per line, and each rewrite
rule of screening's Korean key (:data:`vigil.screening.korean.KEY_REWRITES`) or Latin
skeleton (:data:`vigil.screening.variants.SKELETON_REWRITES`) runs once over that string
instead of once per word. The rules are screening's own, compiled for multi-line text: ``^``
and ``$`` anchor at each word, and a negated class never eats the line break. Every other
word (digits, apostrophes, other scripts) goes through the one-word normaliser
(:func:`vigil.documents.tokens.normalize_token`), which the batch result equals word for word
(a property test holds the two together).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Final

from vigil.screening.korean import KEY_REWRITES, looks_korean
from vigil.screening.variants import SKELETON_REWRITES

MAX_WORDS: Final = 1_000_000  # the table of known words is emptied when it grows past this
_PLAIN: Final = re.compile(r"[a-z]+")
Rules = tuple[tuple[re.Pattern[str], str], ...]


def _multiline(rules: tuple[tuple[str, str], ...]) -> Rules:
    """Rewrite rules for one word a line: anchors per line, negated classes without ``\\n``."""
    return tuple((re.compile(p.replace("[^", "[^\n"), re.MULTILINE), r) for p, r in rules)


@lru_cache(maxsize=1)
def korean_rules() -> Rules:
    """:data:`KEY_REWRITES` for a batch of words."""
    return _multiline(KEY_REWRITES)


@lru_cache(maxsize=1)
def skeleton_rules() -> Rules:
    """:data:`SKELETON_REWRITES` for a batch of words."""
    return _multiline(SKELETON_REWRITES)


def rewrite_all(words: list[str], rules: Rules) -> list[str]:
    """Each rule applied to every word, in order (words hold no line breaks)."""
    if not words:
        return []
    text = "\n".join(words)
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text.split("\n")


def normalize_batch(words: Iterable[str], one: Callable[[str], str]) -> dict[str, str]:
    """The key of each word, equal to ``one(word)`` (the one-word normaliser)."""
    found: dict[str, str] = {}
    korean: list[str] = []
    latin: list[str] = []
    for word in words:
        if _PLAIN.fullmatch(word) is None or "sch" in word:  # sch: German Korean spellings
            found[word] = one(word)
        elif looks_korean(word):
            korean.append(word)
        else:
            latin.append(word)
    found.update(zip(korean, rewrite_all(korean, korean_rules()), strict=True))
    found.update(zip(latin, rewrite_all(latin, skeleton_rules()), strict=True))
    return found


class Vocabulary:
    """The keys of the words seen so far (a bounded table), for one matcher.

    With ``parts`` (every word of the matcher's automaton keys) a word whose key holds none
    of them gets the empty key: it can be in no hit, and the string the automaton reads gets
    shorter. Without, every word keeps its key.
    """

    def __init__(self, parts: frozenset[str] | None = None) -> None:
        self.parts = parts
        self.keys: dict[str, str] = {}

    def keys_of(
        self, tokens: list[str], distinct: frozenset[str], one: Callable[[str], str]
    ) -> list[str]:
        """The key of every token; ``distinct`` are the tokens' distinct words, new ones are
        normalised in one batch (``one`` is the one-word normaliser for words the batch rules
        do not cover)."""
        known = self.keys
        new = distinct.difference(known)
        if len(known) + len(new) > MAX_WORDS:
            known.clear()
            new = distinct
        if new:
            found = normalize_batch(new, one)
            if self.parts is not None:
                found = {w: self._kept(k) for w, k in found.items()}
            known.update(found)
        return list(map(known.__getitem__, tokens))

    def _kept(self, key: str) -> str:
        parts = self.parts
        if parts is None or key in parts:
            return key
        if " " in key and any(p in parts for p in key.split()):  # a word of several parts
            return key
        return ""


COMMON: Final = Vocabulary()  # every word keeps its key (streams built without a matcher)

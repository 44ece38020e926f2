"""Text normalisation for screening: cleaning, scripts, transliteration and tokens.

Generic work is rigour's (``ascii_text``, person prefixes, company forms); Korean is
:mod:`vigil.screening.korean`. Apostrophes and breves of McCune-Reischauer disappear
(``Ch'o'l``, ``Cho’l``, ``Chŏl`` → ``chol``); every other punctuation mark splits tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rigour.names import remove_org_types, remove_person_prefixes, replace_org_types_compare
from rigour.text.translit import ascii_text

from vigil.screening import korean
from vigil.screening.errors import QueryError

MAX_NAME_CHARS: Final = 1000  # longer query names are refused; register names are cut
_APOSTROPHES: Final = re.compile(r"['’‘`´ʼʻ\u02bc\u2019]")
_SPLIT: Final = re.compile(r"[^a-z0-9]+")
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_HAN: Final = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")


def clean(text: str) -> str:
    """Drop control and format characters, fold compatibility forms, collapse spaces."""
    text = unicodedata.normalize("NFKC", text)
    chars = (" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join("".join(chars).split())


def check_query_name(name: str) -> str:
    """A cleaned query name, or :class:`QueryError` when it cannot be screened."""
    if len(name) > MAX_NAME_CHARS:
        raise QueryError(f"name is {len(name)} characters long; the limit is {MAX_NAME_CHARS}")
    cleaned = clean(name)
    if not any(c.isalnum() for c in cleaned):
        raise QueryError(f"name {name[:40]!r} has no letters or digits")
    return cleaned


@lru_cache(maxsize=100_000)
def latin_tokens(text: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of ``text`` (any script rigour can transliterate)."""
    ascii_form = ascii_text(_APOSTROPHES.sub("", text)).lower()
    ascii_form = _APOSTROPHES.sub("", ascii_form)
    tokens = tuple(t for t in _SPLIT.split(ascii_form) if t)
    if not tokens or "?" in ascii_form:  # a script with no transliteration rules
        words = ("".join(c for c in w if unicodedata.category(c)[0] != "P") for w in text.split())
        native = tuple(w.casefold() for w in words if w)
        return native or tokens
    return tokens


def script_forms(name: str) -> list[tuple[str, dict[str, list[str]]]]:
    """The spellings to compare for one name, each with alternative readings per token.

    Hangul gives the UN (MR) and South Korean readings; Hanja in a Korean name adds its Korean
    reading beside rigour's pinyin; Cyrillic adds the Korean (Kontsevich/informal) readings of
    each word as alternatives of rigour's transliteration.
    """
    if _HANGUL.search(name):
        return [
            (korean.romanize_hangul(name, "mr"), {}),
            (korean.romanize_hangul(name, "south"), {}),
        ]
    forms: list[tuple[str, dict[str, list[str]]]] = [(name, {})]
    if _HAN.search(name):
        hangul = korean.hanja_to_hangul(name)
        if hangul is not None:
            forms.append((korean.romanize_hangul(hangul, "mr"), {}))
    elif _CYRILLIC.search(name):
        alternatives: dict[str, list[str]] = {}
        for word in name.split():
            translit = latin_tokens(word)
            if len(translit) == 1:
                alternatives[translit[0]] = korean.cyrillic_spellings(word)
        forms = [(name, alternatives)]
    return forms


def strip_person(name: str) -> str:
    """A person's name without titles and honorifics (rigour's prefix list)."""
    return remove_person_prefixes(name) or name


@lru_cache(maxsize=131_072)
def org_tokens(name_lower: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Tokens of an organisation name with company forms unified, and which are forms
    (remembered: the name forms and ``vigil-v3``'s legal-form rule both need them, and
    rigour's company-form rules cost about 0.3 ms a name)."""
    compared = replace_org_types_compare(name_lower, generic=True)
    tokens = latin_tokens(compared)
    kept = set(latin_tokens(remove_org_types(name_lower) or ""))
    forms = frozenset(t for t in tokens if t not in kept)
    return tokens, forms

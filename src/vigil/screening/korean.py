"""Korean names: Hangul and Hanja romanization, Cyrillic spellings and a romanization-blind key.

Vigil's own variant generation (rigour romanizes Hangul in the South Korean style only):

* :func:`romanize_hangul` writes a Hangul name in McCune-Reischauer as the UN writes DPRK
  names (``리제선`` → ``Ri Je-son``), in Revised Romanization with the South's initial ㄹ/ㄴ
  rule (``I Je-seon``), or with the common South Korean passport surname (``Lee Je-seon``).
* :func:`hanja_to_hangul` reads Chinese characters in a Korean name (``金正恩`` → ``김정은``).
* :func:`cyrillic_spellings` reads Korean names in Cyrillic (``Ким Чен Ын``).
* :func:`korean_key` maps any romanization of a Korean syllable string to one key, so that
  ``Ri``/``Lee``/``Yi``, ``Pak``/``Park``/``Bak``, ``Choe``/``Choi``, ``chol``/``cheol``/``chul``,
  ``Jong-un``/``Jongun`` compare equal. It is only applied to tokens that
  :func:`looks_korean` (made entirely of Korean romanized syllables).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from vigil.screening import korean_tables as kt

HANGUL_FIRST: Final = 0xAC00
HANGUL_LAST: Final = 0xD7A3

# A romanized Korean syllable (MR, RR, DPRK official, informal South Korean spellings).
_INITIAL = r"(?:kk|kh|k|g|n|tt|th|t|d|rh|r|l|m|pp|ph|p|b|ss|sh|s|tch|ch|jj|j|h|y|w)?"
_VOWEL = (
    r"(?:yae|yeo|weo|wae|yai|ae|ya|eo|ye|yo|wa|oe|oi|wo|we|wi|yu|eu|ui|ee|oo|ou|ai|yi|"
    r"a|e|i|o|u)"
)
_FINAL = r"(?:ng|rk|k|g|n|t|l|r|m|p|b|h)?"  # rk: Park
_SYLLABLES: Final = re.compile(rf"^(?:{_INITIAL}{_VOWEL}{_FINAL})+$")

# Rewrites from any romanization to the key, applied in order (data, not code).
KEY_REWRITES: Final[tuple[tuple[str, str], ...]] = (
    (r"[^a-z]", ""),
    (r"^rh", "r"),
    (r"ee", "i"),
    (r"^yi", "i"),
    (r"^[rln](?=[iy])", ""),  # 리/류/녀 → 이/유/여 in the South
    (r"^[rl]", "n"),  # 로 → 노
    (r"tch|ch|j|ts", "c"),
    (r"kh", "k"),
    (r"th", "t"),
    (r"ph", "p"),
    (r"sh", "s"),
    (r"eo|eu|oo|ou", "u"),
    (r"ui", "i"),
    (r"oi", "oe"),
    (r"ai|ae", "e"),
    (r"ar(?=k)", "a"),  # Park
    (r"g", "k"),
    (r"d", "t"),
    (r"b", "p"),
    (r"l", "r"),
    (r"u", "o"),  # ㅓ/ㅗ/ㅜ/ㅡ are written o, u, eo, eu: one class
    (r"(?<=[aeio])h(?=[^aeioy]|$)", ""),  # Oh, Roh, Ahn
    (r"(.)\1", r"\1"),
)
_KEY_RULES: Final = tuple((re.compile(pattern), repl) for pattern, repl in KEY_REWRITES)


@lru_cache(maxsize=200_000)
def looks_korean(token: str) -> bool:
    """Whether a lower-case ASCII token is made entirely of romanized Korean syllables."""
    return bool(token) and len(token) <= 12 and _SYLLABLES.match(token) is not None


@lru_cache(maxsize=200_000)
def korean_key(token: str) -> str:
    """The romanization-blind key of a lower-case ASCII token (see the module docstring)."""
    key = token
    for pattern, repl in _KEY_RULES:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=1)
def _surname_keys() -> frozenset[str]:
    spellings = {s.lower() for names in kt.SOUTH_SURNAMES.values() for s in names}
    spellings |= {romanize_hangul(h, "mr").lower() for h in kt.SOUTH_SURNAMES}
    return frozenset(korean_key(s) for s in spellings if " " not in s)


def is_korean_surname(token: str) -> bool:
    """Whether a lower-case ASCII token is a Korean surname in any romanization."""
    return looks_korean(token) and korean_key(token) in _surname_keys()


def is_hangul(char: str) -> bool:
    """Whether ``char`` is a precomposed Hangul syllable."""
    return HANGUL_FIRST <= ord(char) <= HANGUL_LAST


def _jamo(char: str) -> tuple[int, int, int]:
    offset = ord(char) - HANGUL_FIRST
    return offset // (21 * 28), (offset // 28) % 21, offset % 28


def romanize_syllable(char: str, system: str, word_initial: bool) -> str:
    """One Hangul syllable in ``mr`` (DPRK/UN) or ``rr`` (South) romanization."""
    initial, medial, final = _jamo(char)
    if system == "mr":
        head, vowel = kt.INITIALS_MR[initial], kt.MEDIALS_MR[medial]
    else:
        head, vowel = kt.INITIALS_RR[initial], kt.MEDIALS_RR[medial]
        if word_initial and head == "r":  # the South's initial-sound rule (두음법칙)
            head = "" if vowel[0] in "iy" else "n"
    return head + vowel + kt.FINALS[final]


def _split_surname(word: str) -> tuple[str, str]:
    if len(word) >= 3 and word[:2] in kt.TWO_SYLLABLE_SURNAMES:
        return word[:2], word[2:]
    if len(word) >= 2:
        return word[:1], word[1:]
    return word, ""


def _romanize_word(word: str, system: str) -> str:
    parts = [romanize_syllable(c, system, i == 0) for i, c in enumerate(word)]
    return "-".join(parts)


def romanize_hangul(name: str, system: str = "mr") -> str:
    """A Hangul name romanized: ``mr`` (UN style), ``rr`` or ``south`` (passport surnames)."""
    words = name.split()
    out: list[str] = []
    for index, word in enumerate(words):
        if not all(is_hangul(c) for c in word):
            out.append(word)
            continue
        if index == 0 and len(words) == 1 and len(word) <= 4:
            surname, given = _split_surname(word)
            head = _romanize_word(surname, system).replace("-", "")
            if system == "south" and surname in kt.SOUTH_SURNAMES:
                head = kt.SOUTH_SURNAMES[surname][0]
            out.append(head.capitalize())
            if given:
                out.append(_romanize_word(given, "mr" if system == "mr" else "rr").capitalize())
            continue
        out.append(_romanize_word(word, "mr" if system == "mr" else "rr").capitalize())
    return " ".join(out)


def hanja_to_hangul(text: str) -> str | None:
    """Chinese characters of a Korean name read in Korean, or None if one is unknown."""
    chars = [c for c in text if not c.isspace()]
    if not chars or not all(c in kt.HANJA for c in chars):
        return None
    return "".join(kt.HANJA[c] for c in chars)


def _cyrillic_latin(word: str) -> str:
    return "".join(kt.CYRILLIC.get(c, c) for c in word.lower())


_SYLLABLE_FINAL_N: Final = re.compile(r"n(?=[^aeiouyg]|$)")


def cyrillic_spellings(word: str, limit: int = 12) -> list[str]:
    """Latin readings of a Korean name word written in Cyrillic, most literal first.

    Kontsevich writes a syllable-final ㅇ as н, so a final ``n`` (at the end of the word or
    before a consonant: ``Ёнчоль`` = ``yongchol``) may also read ``ng``.
    """
    spellings = [_cyrillic_latin(word)]
    for old, new in kt.CYRILLIC_ALTERNATIVES:
        for spelling in list(spellings):
            if old == "n":
                spellings.append(_SYLLABLE_FINAL_N.sub("ng", spelling))
                if spelling.endswith("n"):
                    spellings.append(spelling + "g")
            elif old in spelling:
                spellings.append(spelling.replace(old, new))
    return list(dict.fromkeys(spellings))[:limit]


def variant_table_row(hangul: str) -> dict[str, str]:
    """The generated romanizations of one Hangul name (used by the variant fixture)."""
    return {
        "hangul": hangul,
        "mr": romanize_hangul(hangul, "mr"),
        "rr": romanize_hangul(hangul, "rr"),
        "south": romanize_hangul(hangul, "south"),
    }

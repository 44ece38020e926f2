"""Names as comparable forms: tokens with their spelling, phonetic and Korean keys.

A name becomes one or more :class:`NameForm` (one per script reading, see
:func:`vigil.screening.normalize.script_forms`); each token of a form knows its ASCII text,
its Latin spelling skeleton (``W``/``V``, ``ch``/``kh``, ``-iya``/``-ia``), its metaphone and,
when it looks Korean, its romanization-blind Korean keys. Token features are cached: registers
repeat the same tokens many times.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, TypeVar

from rigour.text.phonetics import metaphone

from vigil.screening import korean
from vigil.screening.normalize import latin_tokens, org_tokens, script_forms, strip_person

# Latin spelling variants (German, French, English, Slavic transliterations), applied in order.
SKELETON_REWRITES: Final[tuple[tuple[str, str], ...]] = (
    (r"tsch|sch", "sh"),
    (r"dzh|zh", "j"),
    (r"kh|ch", "h"),
    (r"ph", "f"),
    (r"w", "v"),
    (r"ck|q|c(?=[aou])", "k"),
    (r"iya|ija", "ia"),
    (r"(?<=[aeiou])[jy](?=[^aeiou]|$)", "i"),
    (r"y", "i"),
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"x", "ks"),
    (r"(.)\1", r"\1"),
    (r"(?<=.)h$", ""),
)
_SKELETON: Final = tuple((re.compile(p), r) for p, r in SKELETON_REWRITES)

# Words that say what kind of organisation it is rather than which one: they count less.
GENERIC_ORG_WORDS: Final = frozenset(
    [
        "co",
        "ltd",
        "llc",
        "inc",
        "corp",
        "corporation",
        "company",
        "companies",
        "trading",
        "general",
        "group",
        "holding",
        "holdings",
        "international",
        "industrial",
        "industry",
        "commercial",
        "joint",
        "venture",
        "enterprise",
        "enterprises",
        "the",
        "of",
        "and",
        "for",
        "de",
        "la",
        "limited",
        "plc",
        "jsc",
        "ojsc",
        "bank",
        "association",
        "korea",
        "korean",
        "dprk",
        "democratic",
        "people",
        "s",
        "republic",
        "muyok",
        "hoesa",
        "hwesa",
        "chonghoesa",
        "sangsa",
        "hapyong",
        "choson",
        "chosun",
        "joson",
    ]
)
GENERIC_WEIGHT: Final = 0.4
# Company words rigour leaves alone, in one compare form.
ORG_WORD_FORMS: Final[dict[str, str]] = {
    "corporation": "corp",
    "company": "co",
    "limited": "ltd",
    "incorporated": "inc",
    "international": "intl",
}
# Particles of Arabic, Romance, Dutch and German names: they count little, and their
# spellings are one another's variants (el-Assad = al-Assad, ibn = bin).
NAME_PARTICLES: Final[dict[str, str]] = {
    "al": "al", "el": "al", "ul": "al", "ur": "al", "ud": "al", "bin": "bin", "ben": "bin",
    "ibn": "bin", "bint": "bint", "abu": "abu", "abd": "abd", "de": "de", "da": "de", "do": "de",
    "dos": "de", "das": "de", "del": "de", "della": "de", "di": "de", "du": "de", "van": "van",
    "von": "van", "der": "der", "den": "der", "la": "la", "le": "la", "y": "y",
}  # fmt: skip
PARTICLE_WEIGHT: Final = 0.3


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One name part with its comparison keys (hot loop: a light dataclass)."""

    text: str
    skeleton: str
    phonetic: str
    korean: frozenset[str]
    numeric: bool
    # what the token's similarity depends on as one string, its text and its Korean keys: the
    # similarity cache keys on it (a string is hashed once and ignored by the garbage collector)
    sim_key: str = ""

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, Token) and self.text == other.text and self.korean == other.korean
        )

    def __hash__(self) -> int:
        return hash(self.text)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name as tokens with weights, in one script reading."""

    original: str
    tokens: tuple[Token, ...]
    weights: tuple[float, ...]
    units: tuple[tuple[tuple[int, ...], Token], ...]  # tokens, and adjacent pairs joined

    @property
    def korean(self) -> bool:
        """Whether every part of the name reads as romanized Korean."""
        return all(t.korean for t in self.tokens)


T = TypeVar("T")
FORM_CACHE_ENTRIES: Final = 100_000  # results remembered per form by each by_form cache


def by_form(
    cache: dict[int, tuple[NameForm, T]], form: NameForm, compute: Callable[[NameForm], T]
) -> T:
    """``compute(form)``, remembered by the identity of the form in ``cache``: forms are
    immutable and cached by name (an entry's forms are asked again by every query that scores
    it), and each entry keeps its form alive, so an id is never reused meanwhile."""
    found = cache.get(id(form))
    if found is not None and found[0] is form:
        return found[1]
    if len(cache) >= FORM_CACHE_ENTRIES:
        cache.clear()
    value = compute(form)
    cache[id(form)] = (form, value)
    return value


def _units(tokens: tuple[Token, ...]) -> tuple[tuple[tuple[int, ...], Token], ...]:
    units: list[tuple[tuple[int, ...], Token]] = [((i,), t) for i, t in enumerate(tokens)]
    if len(tokens) <= 8:
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if not (a.numeric or b.numeric):
                units.append(((i, i + 1), make_token(a.text + b.text)))
    if 3 <= len(tokens) <= 4 and not any(t.numeric for t in tokens):  # Chon Ma San = Chonmasan
        units.append((tuple(range(len(tokens))), make_token("".join(t.text for t in tokens))))
    return tuple(units)


def skeleton(text: str) -> str:
    """The Latin spelling skeleton of a lower-case ASCII token."""
    for pattern, repl in _SKELETON:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=500_000)
def make_token(text: str, alternatives: tuple[str, ...] = ()) -> Token:
    """A token and its keys; ``alternatives`` are other readings (e.g. Cyrillic Korean)."""
    numeric = any(c.isdigit() for c in text)
    spellings = (text, *alternatives)
    keys = frozenset(korean.korean_key(s) for s in spellings if korean.looks_korean(s))
    is_ascii = text.isascii()
    return Token(
        text=text,
        skeleton=skeleton(text) if is_ascii and not numeric else text,
        phonetic=metaphone(text) if is_ascii and not numeric and len(text) > 2 else "",
        korean=keys,
        numeric=numeric,
        sim_key=" ".join([text, *sorted(keys)]),
    )


@lru_cache(maxsize=131_072)
def form_tokens(text: str, kind: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The token texts of one script reading of a name, and their weights (remembered: the
    index computes them for every entry name, and scoring needs them again for the few
    entries a query scores; rigour's person-prefix and company-form rules are the cost)."""
    lower = text.lower()
    forms: frozenset[str] = frozenset()
    if kind == "person":
        tokens = latin_tokens(strip_person(text))
    elif kind in ("org", "any"):
        tokens, forms = org_tokens(lower)
    else:
        tokens = latin_tokens(text)
    if not tokens:
        tokens = latin_tokens(text)
    generic = kind != "person"
    if generic:
        tokens = tuple(ORG_WORD_FORMS.get(t, t) for t in tokens)
    else:
        tokens = tuple(NAME_PARTICLES.get(t, t) for t in tokens)
    weights = tuple(_weight(t, forms, generic) for t in tokens)
    if weights and max(weights) < 1.0:  # a name made only of generic words
        weights = tuple(1.0 for _ in weights)
    return tokens, weights


def light_forms(name: str, kind: str) -> list[tuple[tuple[Token, ...], tuple[float, ...]]]:
    """Tokens and weights of every script reading of ``name``, without the joined units of a
    :class:`NameForm` (what the index needs; cheaper to build for a million entries)."""
    out = []
    for text, alternatives in script_forms(name):
        texts, weights = form_tokens(text, kind)
        if texts:
            tokens = tuple(make_token(t, tuple(alternatives.get(t, ()))) for t in texts)
            out.append((tokens, weights))
    return out


def build_form(original: str, tokens: tuple[Token, ...], weights: tuple[float, ...]) -> NameForm:
    """A name form from its tokens and weights (joined units are derived)."""
    return NameForm(original=original, tokens=tokens, weights=weights, units=_units(tokens))


def _form(original: str, text: str, kind: str, alternatives: dict[str, list[str]]) -> NameForm:
    texts, weights = form_tokens(text, kind)
    built = tuple(make_token(t, tuple(alternatives.get(t, ()))) for t in texts)
    return NameForm(original=original, tokens=built, weights=weights, units=_units(built))


def _weight(token: str, forms: frozenset[str], generic: bool) -> float:
    if token in forms or (generic and token in GENERIC_ORG_WORDS):
        return GENERIC_WEIGHT
    if not generic and token in NAME_PARTICLES:
        return PARTICLE_WEIGHT
    return 1.0


def name_forms(name: str, kind: str) -> tuple[NameForm, ...]:
    """Every comparable form of ``name``; ``kind`` is person, org, vessel or any."""
    out = [_form(name, text, kind, alts) for text, alts in script_forms(name)]
    return tuple(f for f in out if f.tokens)


@lru_cache(maxsize=131_072)
def cached_name_forms(name: str, kind: str) -> tuple[NameForm, ...]:
    """:func:`name_forms`, remembered for the entries screening scores again and again."""
    return name_forms(name, kind)


def unique_forms(forms: list[NameForm]) -> tuple[NameForm, ...]:
    """Forms with distinct token sequences (``KIM JONG SIK`` and ``Kim Jong-sik`` are one)."""
    seen: dict[tuple[Token, ...], NameForm] = {}
    for form in forms:
        seen.setdefault(form.tokens, form)
    return tuple(seen.values())

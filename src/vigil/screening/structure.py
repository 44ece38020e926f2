"""Name-structure features of ``vigil-v3`` (``vigil-v1``/``vigil-v2`` do not use them).

* :func:`korean_shaped_form`: a person's name made only of romanized Korean syllables with a
  Korean surname keeps every syllable: ``Do`` in ``Pak Do Chun`` is a syllable, not the
  Romance particle ``do`` (= ``de``) that the shared forms weigh 0.3.
* :func:`patronymic_reversed`: Arabic and Berber ``bin``/``ibn``/``bint``/``ould`` chains are
  ordered (``X bin Y``: X is the child of Y); two names whose aligned parts stand on opposite
  sides of a ``bin`` name a father and his son, not one person.
* :func:`patronymic_suffix_differs`: an East Slavic patronymic ending (``-ovich``,
  ``-ovych``, ``-ovna``) on one side only of a part aligned by spelling.
* :func:`legal_forms`: the legal forms a company name states, in rigour's generic compare
  form (``AG`` = ``jsc``, ``GmbH`` = ``Ltd`` = ``llc``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from followthemoney.types import registry

from vigil.screening.features import NameMatch
from vigil.screening.korean import is_korean_surname, looks_korean
from vigil.screening.normalize import latin_tokens, org_tokens, script_forms, strip_person
from vigil.screening.variants import (
    GENERIC_ORG_WORDS,
    NAME_PARTICLES,
    NameForm,
    build_form,
    by_form,
    make_token,
)

# Words that link a person to a parent (after NAME_PARTICLES: ben/ibn -> bin).
FILIATION: Final = frozenset({"bin", "bint", "ould", "walad"})


@lru_cache(maxsize=65_536)
def _korean_forms(original: str) -> tuple[NameForm, ...]:
    out = []
    for text, alternatives in script_forms(original):
        texts = latin_tokens(strip_person(text))
        if not texts or not all(looks_korean(t) for t in texts):
            continue
        if not any(is_korean_surname(t) for t in texts):
            continue
        tokens = tuple(make_token(t, tuple(alternatives.get(t, ()))) for t in texts)
        out.append(build_form(original, tokens, tuple(1.0 for _ in tokens)))
    return tuple(out)


_KOREAN_SHAPED: dict[int, tuple[NameForm, NameForm]] = {}
_FILIATIONS: dict[int, tuple[NameForm, tuple[tuple[int, int], ...]]] = {}


def korean_shaped_form(form: NameForm) -> NameForm:
    """``form`` with its particles read as Korean syllables when the whole name is Korean."""
    return by_form(_KOREAN_SHAPED, form, _korean_shaped)


def _korean_shaped(form: NameForm) -> NameForm:
    if not any(t.text in NAME_PARTICLES for t in form.tokens):
        return form
    for candidate in _korean_forms(form.original):
        if len(candidate.tokens) == len(form.tokens):
            return candidate
    return form


def _filiations(form: NameForm) -> tuple[tuple[int, int], ...]:
    """(child, parent) token positions around each ``bin``, skipping particles (``al``)."""
    return by_form(_FILIATIONS, form, _find_filiations)


def _find_filiations(form: NameForm) -> tuple[tuple[int, int], ...]:
    texts = [t.text for t in form.tokens]
    out = []
    for i, text in enumerate(texts):
        if text not in FILIATION:
            continue
        before = [j for j in range(i - 1, -1, -1) if texts[j] not in NAME_PARTICLES]
        after = [j for j in range(i + 1, len(texts)) if texts[j] not in NAME_PARTICLES]
        if before and after:
            out.append((before[0], after[0]))
    return tuple(out)


def _positions(form: NameForm, part: str) -> list[int]:
    """Positions of the tokens of an aligned part (one token, or two joined)."""
    texts = [t.text for t in form.tokens]
    return [i for i, t in enumerate(texts) if t in part.split(" ") or t == part]


def patronymic_reversed(query: NameForm, result: NameForm, match: NameMatch) -> str | None:
    """Why the aligned parts of two names stand in opposite filiation, or None."""
    q_links, r_links = _filiations(query), _filiations(result)
    if not q_links or not r_links:
        return None
    partner: dict[int, set[int]] = {}
    for pair in match.pairs:
        if pair.query in FILIATION:
            continue
        for qi in _positions(query, pair.query):
            partner.setdefault(qi, set()).update(_positions(result, pair.result))
    r_set = set(r_links)
    for child, parent in q_links:
        for r_child in partner.get(child, ()):
            for r_parent in partner.get(parent, ()):
                if (r_parent, r_child) in r_set:
                    q_text = f"{query.tokens[child].text} bin {query.tokens[parent].text}"
                    r_text = f"{result.tokens[r_parent].text} bin {result.tokens[r_child].text}"
                    return f"{q_text} is not {r_text}: father and son swapped"
    return None


_LEGAL_FORMS: dict[int, tuple[NameForm, frozenset[str]]] = {}


def legal_forms(form: NameForm) -> frozenset[str]:
    """The legal-form tokens of an organisation's name form (possibly none)."""
    return by_form(_LEGAL_FORMS, form, _legal_forms)


def _legal_forms(form: NameForm) -> frozenset[str]:
    stated = org_tokens(form.original.lower())[1]  # remembered by org_tokens
    if stated:
        texts = {t.text for t in form.tokens}
        stated = frozenset(t for t in stated if t in texts)
    return stated


# Short tokens that are country codes rather than names (``de`` is a particle, not Germany).
COUNTRY_ABBREVIATIONS: Final = frozenset({"uk", "usa", "uae"})


@lru_cache(maxsize=65_536)
def country_of(token: str) -> str | None:
    """The country code a word of an organisation's name names (``Chile``, ``Mexico``), if any;
    generic words of DPRK names (``Korea``, ``Choson``) are not qualifiers."""
    if token in GENERIC_ORG_WORDS or (len(token) < 4 and token not in COUNTRY_ABBREVIATIONS):
        return None
    return registry.country.clean_text(token)


# East Slavic patronymic (and patronymic-derived surname) endings: -ovich, -yevych, -ovna, ...
PATRONYMIC_ENDINGS: Final = ("vich", "vych", "vitch", "vic", "vna")


def patronymic_suffix_differs(match: NameMatch) -> str | None:
    """A part aligned by spelling or typo where only one side carries a Slavic patronymic
    ending (``Oleksandr`` ~ ``Oleksandrovych``, ``Lukashevich`` ~ ``Lukashenko``): a given
    name is not its derived patronymic, nor a ``-vich`` surname an ``-enko`` one."""
    for pair in match.pairs:
        if pair.how == "exact" or " " in pair.query or " " in pair.result:
            continue
        q_end = pair.query.endswith(PATRONYMIC_ENDINGS)
        r_end = pair.result.endswith(PATRONYMIC_ENDINGS)
        if q_end != r_end:
            return f"{pair.query} and {pair.result}: only one is a patronymic form"
    return None


def load_tables() -> None:
    """Load the country-name table now (about 2 s, once per process) rather than in the
    first query whose organisation names differ by a word."""
    country_of("france")

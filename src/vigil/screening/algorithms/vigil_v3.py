"""``vigil-v3``: ``vigil-v2``'s name score and evidence rules, plus rules about name structure.

Each rule below is explained in the result when it applies (a contribution or the name
detail); v1 and v2 are unchanged and stay selectable.

* Korean-shaped names keep every syllable: a person's name made only of romanized Korean
  syllables with a Korean surname does not lose ``Do``/``Da``/``La`` as Romance particles
  (``Pak Do Chun`` = ``PAK TO CHUN``), see :func:`vigil.screening.structure.korean_shaped_form`.
* Patronymic order: in ``X bin Y`` (``ibn``, ``ben``, ``bint``, ``ould``) X is the child of
  Y. When the aligned parts of two names stand on opposite sides of a ``bin``
  (``SALMAN BIN MUHAMMAD`` / ``MUHAMMAD BIN SALMAN``), they name a father and his son: the name
  score is capped at ``FILIATION_CAP``.
* Patronymic forms: a part aligned by spelling where only one side has an East Slavic
  patronymic ending (``Oleksandr`` ~ ``Oleksandrovych``, ``Lukashevich`` ~ ``Lukashenko``) is
  a given name against a patronymic, or two surname families: the name score is multiplied by
  v2's conflict factor.
* Legal forms: when both organisation names state a legal form (in rigour's generic compare
  form: ``AG`` = ``jsc``, ``GmbH`` = ``Ltd`` = ``llc``) and they share none, the names are of
  two registered entities (``Deutsche Bank AG`` / ``Deutsche Bank GmbH``, a subsidiary): the
  name score is multiplied by ``LEGAL_FORM_FACTOR``.
* Sector words: when each organisation name keeps a word the other lacks and one of them says
  what the business is (``Bank``/``Trust``, ``Capital``/``Holdings``), they are two businesses
  of one group: the name score is multiplied by v2's conflict factor (v2 applied it only to
  two distinctive words, and a sector word weighs like a generic one).
* National qualifiers: a country named in one organisation's name and not in the other's
  (``Banco Santander Chile`` / ``Banco Santander``, ``... (Sweden) AB`` / ``... (Finland) AB``)
  names a national subsidiary, a separate legal entity: the name score is multiplied by
  ``COUNTRY_WORD_FACTOR``. Words of DPRK names (``Korea``, ``Choson``) are generic, not
  qualifiers, and short codes (``de``) are not read as countries.

The default threshold stays 0.70 (see ``vigil-v1``); the benchmark reports the F1 on the
labelled pairs and the cross-validated F1 beside v2 and logic-v2. The national-qualifier rule
costs two pairs the labels call matches (``Deutsche Bank (Schweiz) AG`` / ``Deutsche Bank AG``,
both ways) while the same labels call ``Banco Santander Mexico`` another entity: v3 treats a
national subsidiary consistently as its own entity. Numbers in names were left alone: the
labels call ``Zu Zag Bong 6`` / ``5`` and ``Fund III`` / ``IV`` matches but ``Management
Company 23`` / ``Management Company`` not, so no rule about numbers agrees with them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from vigil.screening.algorithms.vigil_v2 import RULES, scored
from vigil.screening.features import NameMatch, align
from vigil.screening.models import Contribution, PreparedQuery
from vigil.screening.records import Record
from vigil.screening.rewrite import acronym_match, rewrite_form
from vigil.screening.structure import (
    country_of,
    korean_shaped_form,
    legal_forms,
    patronymic_reversed,
    patronymic_suffix_differs,
)
from vigil.screening.variants import NameForm

FILIATION_CAP: Final = 0.5  # two names of a father and his son, at most
LEGAL_FORM_FACTOR: Final = 0.75  # two names stating different legal forms
COUNTRY_WORD_FACTOR: Final = 0.75  # a country in one organisation's name only
# Words that say which business an organisation is in (two of them disagreeing = two firms).
SECTOR_WORDS: Final = frozenset(
    [
        "bank",
        "banking",
        "trust",
        "capital",
        "holding",
        "holdings",
        "fund",
        "funds",
        "insurance",
        "assurance",
        "securities",
        "investment",
        "investments",
        "finance",
        "financial",
        "shipping",
        "logistics",
        "construction",
        "energy",
        "oil",
        "petroleum",
        "mining",
        "steel",
        "systems",
        "solutions",
        "technology",
        "technologies",
        "pharma",
        "pharmaceutical",
        "airlines",
        "airline",
        "railway",
        "railways",
        "telecom",
        "telecommunications",
        "media",
        "foods",
        "properties",
        "realty",
        "estate",
        "credit",
        "leasing",
        "asset",
        "assets",
        "management",
        "partners",
        "ventures",
    ]
)


def _prepare(form: NameForm, person: bool) -> NameForm:
    return korean_shaped_form(form) if person else rewrite_form(form, person)


def _adjust(
    q: NameForm, r: NameForm, match: NameMatch, person: bool
) -> tuple[float, list[tuple[str, str]]]:
    """The pair's name score after the structure rules, and the rules that applied."""
    score, notes = match.score, []
    if person:
        reversed_ = patronymic_reversed(q, r, match)
        if reversed_ and score > FILIATION_CAP:
            score = FILIATION_CAP
            notes.append(("patronymic", reversed_))
        suffix = patronymic_suffix_differs(match)
        if suffix:
            score *= RULES.conflict_factor
            notes.append(("patronymic_form", suffix))
        return score, notes
    q_forms, r_forms = legal_forms(q), legal_forms(r)
    if q_forms and r_forms and q_forms.isdisjoint(r_forms):
        score *= LEGAL_FORM_FACTOR
        notes.append(("legal_form", f"{sorted(q_forms)} vs {sorted(r_forms)}"))
    q_extra, r_extra = set(match.query_extra), set(match.result_extra)
    q_extra -= q_forms
    r_extra -= r_forms
    countries = sorted(t for t in q_extra | r_extra if country_of(t))
    if countries:
        score *= COUNTRY_WORD_FACTOR
        notes.append(("country_word", f"only one name says {', '.join(countries)}"))
    if q_extra and r_extra and (q_extra | r_extra) & SECTOR_WORDS:
        score *= RULES.conflict_factor
        notes.append(("sector", f"{sorted(q_extra)} vs {sorted(r_extra)}"))
    return score, notes


def name_match(
    queries: tuple[NameForm, ...], results: tuple[NameForm, ...], person: bool
) -> tuple[NameMatch | None, list[tuple[str, str]]]:
    """The best alignment after the structure rules, and the rules that applied to it."""
    q_forms = tuple(_prepare(f, person) for f in queries)
    r_forms = tuple(_prepare(f, person) for f in results)
    best: NameMatch | None = None
    best_notes: list[tuple[str, str]] = []
    for q in q_forms:
        for r in r_forms:
            acronym = None if person else acronym_match(q, r)
            if acronym and (best is None or acronym.score > best.score):
                best, best_notes = acronym, []
            match = align(q, r, person, RULES)
            if best is not None and match.score <= best.score:
                continue  # the rules only lower a score
            score, notes = _adjust(q, r, match, person)
            if best is None or score > best.score:
                best = match if score == match.score else replace(match, score=score)
                best_notes = notes
    return best, best_notes


class VigilV3:
    """The third Vigil scorer."""

    name = "vigil-v3"
    threshold = 0.70

    def score(
        self, query: PreparedQuery, record: Record, forms: tuple[NameForm, ...] | None = None
    ) -> tuple[float, list[Contribution]]:
        """Score one entry; see the module docstring for the rules."""
        match, notes = name_match(query.forms, forms or record.forms(), query.person)
        return scored(query, record, match, notes)

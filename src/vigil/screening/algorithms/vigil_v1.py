"""``vigil-v1``: name alignment, then identifiers, birth dates and countries adjust it.

* name: the best alignment of any query name form with any entry name form
  (:func:`vigil.screening.features.align`).
* identifier: a shared identifier lifts the score to at least ``ID_FLOOR`` plus a share of the
  name score: a renamed ship keeps its IMO, so an identifier outweighs a dissimilar name.
* birth date: same date ``+BIRTH_BONUS``, same year ``+BIRTH_BONUS/2``, years more than one
  apart ``-BIRTH_PENALTY``.
* country: no shared country ``-COUNTRY_PENALTY`` (small: people hold several nationalities).

The default threshold is 0.70. It was set by reasoning about the alignment formula
(three-part Korean names sharing two parts score below it; typo and transliteration variants
of every part score above it), then checked on the labelled pairs with cross-validation
(reported by ``bench/screening``); it is not tuned per case.
"""

from __future__ import annotations

from typing import Final

from vigil.screening.evidence import birth_date_agreement, country_agreement, identifier_match
from vigil.screening.features import best_name_match
from vigil.screening.models import Contribution, PreparedQuery
from vigil.screening.records import Record
from vigil.screening.variants import NameForm

ID_FLOOR: Final = 0.9
BIRTH_BONUS: Final = 0.05
BIRTH_PENALTY: Final = 0.2
COUNTRY_PENALTY: Final = 0.05


class VigilV1:
    """The first published Vigil scorer."""

    name = "vigil-v1"
    threshold = 0.70

    def score(
        self, query: PreparedQuery, record: Record, forms: tuple[NameForm, ...] | None = None
    ) -> tuple[float, list[Contribution]]:
        """Score one entry; see the module docstring for the rules."""
        match = best_name_match(query.forms, forms or record.forms(), query.person)
        name_score = match.score if match else 0.0
        detail = f"{match.query_name!r} ~ {match.result_name!r}: {match.explain()}" if match else ""
        parts = [Contribution("name", name_score, detail)]
        return evidence(query, record, name_score, parts)


def evidence(
    query: PreparedQuery, record: Record, name_score: float, parts: list[Contribution]
) -> tuple[float, list[Contribution]]:
    """The name score adjusted by identifiers, birth dates and countries (rules above)."""
    score = name_score
    id_value, id_detail = identifier_match(query.identifiers, record.identifiers)
    if id_value:
        lifted = ID_FLOOR + (1.0 - ID_FLOOR) * name_score
        parts.append(Contribution("identifier", lifted - score, id_detail))
        score = lifted
    birth, birth_detail = birth_date_agreement(query.birth_date, record.birth_dates)
    if birth:
        delta = BIRTH_BONUS * birth if birth > 0 else -BIRTH_PENALTY
        parts.append(Contribution("birth_date", delta, birth_detail))
        score += delta
    country, country_detail = country_agreement(query.countries, record.countries)
    if country < 0:
        parts.append(Contribution("country", -COUNTRY_PENALTY, country_detail))
        score -= COUNTRY_PENALTY
    return max(0.0, min(1.0, score)), parts

"""Small pure feature functions. Each returns a value and a reason an analyst can read.

Name features align the parts of two names regardless of order (family name first, Western
order and ``SURNAME, Given`` all align), let one part match two adjacent parts
(``Jongun`` = ``Jong Un``), and grade each aligned pair by how it matched: identical text,
Korean romanization key, Latin spelling skeleton, edit distance or phonetics, initials.

:func:`align` and :func:`token_similarity` (with its cache) are compiled
(``_fast.pyx``): they run many times for every entry a query scores.
``tests/screening/reference_align.py`` keeps them in Python, and a test checks that both give
the same alignments on the labelled pairs and the Korean variants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from vigil.screening._fast import align as align  # compiled: _fast.pyx
from vigil.screening._fast import token_similarity as token_similarity
from vigil.screening.variants import NameForm

# Similarity granted by each kind of token agreement (data, documented in the explanation).
SIM_EXACT: Final = 1.0
SIM_KOREAN: Final = 0.92  # same syllables in another Korean romanization (Ri/Lee, Chol/Cheol)
SIM_SPELLING: Final = 0.92  # same Latin skeleton (W/V, ch/kh, -iya/-ia, Sergej/Sergey)
SIM_PHONETIC_FLOOR: Final = 0.8  # same metaphone and a small edit distance
SIM_INITIAL: Final = 0.6  # "J." for "John" (people only)
MIN_PAIR_SIM: Final = 0.5  # weaker pairs are not aligned
TYPO_COST: Final = 1.5  # similarity lost per edit, relative to the token length
CONFLICT_FACTOR: Final = 0.85  # both names keep a full-weight part the other lacks


@dataclass(frozen=True, slots=True)
class AlignRules:
    """The constants of an alignment, so that each algorithm version keeps its own (data)."""

    typo_cost: float = TYPO_COST
    conflict_factor: float = CONFLICT_FACTOR
    symmetric_missing: bool = False  # a person's missing parts weigh half on either side
    org_missing_weight: float = 0.5  # weight of an organisation's parts the other lacks
    korean_typo_cap: float = 1.0  # similarity of two different Korean syllables at most
    korean_extra_factor: float = 1.0  # a Korean name has a syllable the other lacks
    korean_names: bool = False  # Korean keys only between names with a Korean surname


V1_RULES: Final = AlignRules()


@dataclass(frozen=True, slots=True)
class Aligned:
    """Two aligned name parts (one part may be two joined tokens)."""

    query: str
    result: str
    similarity: float
    how: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The alignment of two name forms and its score."""

    score: float
    query_name: str
    result_name: str
    pairs: tuple[Aligned, ...]
    query_extra: tuple[str, ...]
    result_extra: tuple[str, ...]

    def explain(self) -> str:
        """``kim=kim, chong~jong (korean 0.92), -un, +sik``."""
        parts = [
            f"{p.query}={p.result}" if p.how == "exact" else f"{p.query}~{p.result} ({p.how})"
            for p in self.pairs
        ]
        parts += [f"-{t}" for t in self.query_extra] + [f"+{t}" for t in self.result_extra]
        return ", ".join(parts)


def allowed_edits(length: int) -> int:
    """Typos tolerated in a token of ``length`` characters."""
    if length <= 3:
        return 0
    if length <= 5:
        return 1
    return 2 if length <= 10 else 3


# (person, korean, typo cost) -> query token's sim_key -> result token's sim_key -> similarity
_CACHE: dict[tuple[bool, bool, float], dict[str, dict[str, tuple[float, str]]]] = {}
CACHE_ENTRIES: Final = 500_000


def _missing_weights(
    rules: AlignRules, person: bool, q_extra: bool, r_extra: bool
) -> tuple[float, float]:
    """Weights of each side's unaligned parts in the denominator (see :func:`align`)."""
    if not rules.symmetric_missing:  # vigil-v1: the query's parts always count in full
        return 1.0, 1.0 if q_extra else 0.5
    if not person:
        return rules.org_missing_weight, rules.org_missing_weight
    return (0.5 if not r_extra else 1.0), (0.5 if not q_extra else 1.0)


def best_name_match(
    queries: tuple[NameForm, ...],
    results: tuple[NameForm, ...],
    person: bool,
    rules: AlignRules = V1_RULES,
) -> NameMatch | None:
    """The best-scoring alignment over every pair of name forms."""
    best: NameMatch | None = None
    for q in queries:
        for r in results:
            match = align(q, r, person, rules)
            if best is None or match.score > best.score:
                best = match
    return best

"""Small pure feature functions. Each returns a value and a reason an analyst can read.

Name features align the parts of two names regardless of order (family name first, Western
order and ``SURNAME, Given`` all align), let one part match two adjacent parts
(``Jongun`` = ``Jong Un``), and grade each aligned pair by how it matched: identical text,
Korean romanization key, Latin spelling skeleton, edit distance or phonetics, initials.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rapidfuzz.distance import Levenshtein

from vigil.screening.korean import is_korean_surname
from vigil.screening.variants import NameForm, Token

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


def token_similarity(
    a: Token, b: Token, person: bool, korean: bool = True, typo_cost: float = TYPO_COST
) -> tuple[float, str]:
    """How alike two tokens are, in [0, 1], and how they matched. Korean keys count only when
    ``korean`` (both names read as romanized Korean); each edit costs ``typo_cost`` relative
    to the token length."""
    if a.text == b.text:
        return SIM_EXACT, "exact"
    if a.numeric or b.numeric:
        return 0.0, ""
    if korean and a.korean and b.korean and not a.korean.isdisjoint(b.korean):
        return SIM_KOREAN, "korean"
    if a.skeleton == b.skeleton and len(a.skeleton) > 2:
        return SIM_SPELLING, "spelling"
    length = max(len(a.text), len(b.text))
    limit = allowed_edits(length)
    best = 0.0
    if limit:
        edits = Levenshtein.distance(a.skeleton, b.skeleton, score_cutoff=limit + 1)
        if edits <= limit:
            best = 1.0 - typo_cost * edits / length
    if a.phonetic and a.phonetic == b.phonetic and len(a.phonetic) > 1 and best > 0:
        best = max(best, SIM_PHONETIC_FLOOR)
    if best >= MIN_PAIR_SIM:
        return best, "typo"
    short, long_ = (a, b) if len(a.text) < len(b.text) else (b, a)
    if person and len(short.text) == 1 and long_.text.startswith(short.text):
        return SIM_INITIAL, "initial"
    return 0.0, ""


SimilarityKey = tuple[str, str, frozenset[str], frozenset[str], bool, bool, float]
_CACHE: dict[SimilarityKey, tuple[float, str]] = {}
CACHE_ENTRIES: Final = 500_000


def cached_similarity(
    a: Token, b: Token, person: bool, korean: bool, typo_cost: float = TYPO_COST
) -> tuple[float, str]:
    """:func:`token_similarity`, remembered: registers and batches repeat the same tokens.

    The key is what a token's similarity depends on (its text, from which every other key
    but the Korean ones derives, and its Korean keys), in built-in types hashed in C."""
    key = (a.text, b.text, a.korean, b.korean, person, korean, typo_cost)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= CACHE_ENTRIES:
            _CACHE.clear()
        found = _CACHE[key] = token_similarity(a, b, person, korean, typo_cost)
    return found


def _full(form: NameForm, extra: list[int]) -> bool:
    return any(form.weights[i] >= 1.0 for i in extra)


def align(
    query: NameForm, result: NameForm, person: bool, rules: AlignRules = V1_RULES
) -> NameMatch:
    """Align two name forms greedily, best pairs first, and score the alignment.

    score = Σ sim·(wq + wr) / (Σ all query weights + Σ aligned result weights
    + p · Σ unaligned result weights), where p = 0.5 when every query part aligned (a result
    may carry middle names the query leaves out) and 1 otherwise (the names disagree). When
    both names keep a full-weight part the other lacks, the score is multiplied by
    ``CONFLICT_FACTOR``: two different given names are evidence of two different people.

    ``rules`` change these constants per algorithm version (:class:`AlignRules`): with
    ``symmetric_missing`` a person's parts missing on either side weigh half when the other
    side aligned completely (``ABDULHAI SALEK`` in ``ABDULHAI ABDUL GHAFOOR SALEK``), while an
    organisation's unaligned parts weigh ``org_missing_weight`` (a distinctive word such as
    ``Chile`` in ``Banco Santander Chile`` names another company); two Korean names compare
    syllable by syllable: different syllables align at most at ``korean_typo_cap``, and a
    syllable one name lacks multiplies the score by ``korean_extra_factor``.
    """
    options: list[tuple[float, int, tuple[int, ...], tuple[int, ...], str]] = []
    korean = query.korean and result.korean
    if rules.korean_names:  # only names with a Korean surname compare as Korean
        korean = korean and _has_surname(query) and _has_surname(result)
    cost, cache = rules.typo_cost, _CACHE
    for qi, qt in query.units:
        joined, q_text, q_korean = len(qi) > 1, qt.text, qt.korean
        for ri, rt in result.units:
            if joined and len(ri) > 1:
                continue
            # the cache look-up of cached_similarity, inline: this loop is the hot one
            found = cache.get((q_text, rt.text, q_korean, rt.korean, person, korean, cost))
            if found is None:
                found = cached_similarity(qt, rt, person, korean, cost)
            sim, how = found
            if korean and how == "typo" and qt.korean and rt.korean:
                sim, how = min(sim, rules.korean_typo_cap), "korean syllable differs"
            if sim >= MIN_PAIR_SIM:
                options.append((sim, -len(qi) - len(ri), qi, ri, how))
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_r: set[int] = set()
    pairs: list[Aligned] = []
    gained = 0.0
    for sim, _, qi, ri, how in options:
        if used_q.intersection(qi) or used_r.intersection(ri):
            continue
        used_q.update(qi)
        used_r.update(ri)
        weight = sum(query.weights[i] for i in qi) + sum(result.weights[i] for i in ri)
        gained += sim * weight
        q_text = " ".join(query.tokens[i].text for i in qi)
        r_text = " ".join(result.tokens[i].text for i in ri)
        pairs.append(Aligned(q_text, r_text, sim, how if sim == 1.0 else f"{how} {sim:.2f}"))
    q_extra = [i for i in range(len(query.tokens)) if i not in used_q]
    r_extra = [i for i in range(len(result.tokens)) if i not in used_r]
    q_missing, r_missing = _missing_weights(rules, person, bool(q_extra), bool(r_extra))
    if korean and rules.korean_names:  # a Korean syllable is never an optional part
        q_missing = r_missing = 1.0
    denominator = (
        sum(query.weights[i] for i in used_q)
        + sum(result.weights[i] for i in used_r)
        + q_missing * sum(query.weights[i] for i in q_extra)
        + r_missing * sum(result.weights[i] for i in r_extra)
    )
    score = gained / denominator if denominator else 0.0
    if _full(query, q_extra) and _full(result, r_extra):
        score *= rules.conflict_factor
    if korean and (_full(query, q_extra) or _full(result, r_extra)):
        score *= rules.korean_extra_factor
    return NameMatch(
        score=min(1.0, score),
        query_name=query.original,
        result_name=result.original,
        pairs=tuple(pairs),
        query_extra=tuple(query.tokens[i].text for i in q_extra),
        result_extra=tuple(result.tokens[i].text for i in r_extra),
    )


def _has_surname(form: NameForm) -> bool:
    return any(is_korean_surname(t.text) for t in form.tokens)


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

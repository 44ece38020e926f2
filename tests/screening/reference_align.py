"""The Python token similarity and alignment that ``vigil.screening._fast`` compiles (moved
here from ``vigil.screening.features``): the reference the equivalence test checks the compiled
functions against. Its cache is its own."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from vigil.screening.features import (
    CACHE_ENTRIES,
    MIN_PAIR_SIM,
    SIM_EXACT,
    SIM_INITIAL,
    SIM_KOREAN,
    SIM_PHONETIC_FLOOR,
    SIM_SPELLING,
    TYPO_COST,
    V1_RULES,
    Aligned,
    AlignRules,
    NameMatch,
    _missing_weights,
    allowed_edits,
)
from vigil.screening.korean import is_korean_surname
from vigil.screening.variants import NameForm, Token

_REFERENCE_CACHE: dict[tuple[object, ...], tuple[float, str]] = {}


def _has_surname(form: NameForm) -> bool:
    return any(is_korean_surname(t.text) for t in form.tokens)


def _full(form: NameForm, extra: list[int]) -> bool:
    return any(form.weights[i] >= 1.0 for i in extra)


def reference_token_similarity(
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


def reference_cached_similarity(
    a: Token, b: Token, person: bool, korean: bool, typo_cost: float = TYPO_COST
) -> tuple[float, str]:
    """:func:`token_similarity`, remembered: registers and batches repeat the same tokens.

    The key is what a token's similarity depends on (its text, from which every other key
    but the Korean ones derives, and its Korean keys), in built-in types hashed in C."""
    key = (a.text, b.text, a.korean, b.korean, person, korean, typo_cost)
    found = _REFERENCE_CACHE.get(key)
    if found is None:
        if len(_REFERENCE_CACHE) >= CACHE_ENTRIES:
            _REFERENCE_CACHE.clear()
        found = _REFERENCE_CACHE[key] = reference_token_similarity(a, b, person, korean, typo_cost)
    return found


def reference_align(
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
    cost, cache = rules.typo_cost, _REFERENCE_CACHE
    for qi, qt in query.units:
        joined, q_text, q_korean = len(qi) > 1, qt.text, qt.korean
        for ri, rt in result.units:
            if joined and len(ri) > 1:
                continue
            # the cache look-up of cached_similarity, inline: this loop is the hot one
            found = cache.get((q_text, rt.text, q_korean, rt.korean, person, korean, cost))
            if found is None:
                found = reference_cached_similarity(qt, rt, person, korean, cost)
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

"""From hits to mentions: score candidate spans around each hit with the screening scorer.

A hit says *where* a register name may be; verification decides *whether* it is. For every
entry keyed under the hit, spans reaching up to ``rules.SPAN_REACH`` tokens either side are
scored by the screening algorithm (the span as a query name, the entry's names as the
result); the best span (the shortest of equal scores, so titles stay out) must reach the algorithm's threshold and pass the distinctiveness
rules. Overlapping mentions then compete: a lower-scoring one inside a better one is dropped
(``Kim Jong`` of ``KIM Jong Sik`` inside ``Kim Jong Un``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from vigil.documents import rules
from vigil.documents.matcher import DocumentMatcher, Hit
from vigil.documents.mention import Mention
from vigil.documents.spellings import has_cyrillic, korean_reading
from vigil.documents.tokens import TokenStream
from vigil.screening.errors import ScreeningError
from vigil.screening.features import NameMatch, best_name_match
from vigil.screening.korean import looks_korean
from vigil.screening.models import PreparedQuery, Query, prepare
from vigil.screening.records import Record
from vigil.screening.variants import GENERIC_ORG_WORDS, NAME_PARTICLES

SCORE_TIE: Final = 0.02  # overlapping mentions closer than this both stay (homonyms)
SPAN_CACHE_ENTRIES: Final = 200_000  # remembered span scores per matcher (then emptied)


@dataclass(frozen=True, slots=True)
class Scored:
    """The best span for one entry: token range, score and the name alignment."""

    first: int
    last: int
    score: float
    match: NameMatch


@lru_cache(maxsize=50_000)
def prepared(name: str, person: bool) -> PreparedQuery | None:
    """A span as a screening query (cached: the same words recur), or None if unusable;
    German spellings of Korean names are read as Korean (``Dschong`` as ``Jong``)."""
    try:
        return prepare(Query(korean_reading(name), schema="Person" if person else "any"))
    except ScreeningError:
        return None


def capitalised(token_text: str) -> bool:
    """Whether a word starts upper-case, or is written in a script without case."""
    first = token_text[0]
    return first.isupper() or first.lower() == first.upper() or not rules.REQUIRE_CAPITALS


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the span cuts a hyphenated word (``Kim Chol`` of ``Kim Chol-min``)."""
    return text[end : end + 1] == "-" or (start > 0 and text[start - 1] == "-")


def _breaks(text: str) -> bool:
    return any(c in rules.SPAN_BREAKS for c in text)


def covered(record: Record, match: NameMatch, reread: bool = False) -> bool:
    """Whether the span covers enough of the name: two parts of a person's name, every
    distinctive part of an organisation's or vessel's, and the whole of a name made only of
    weak parts (``rules.COMMON_NAME_MIN_PARTS`` of them at least).

    A span ``reread`` as Korean (written in Cyrillic, or German-spelled) that matches a Korean
    name has Korean syllables for weak parts too: two of them say little (``Сон Мин``), a whole
    three-part name does, at a score of at least ``rules.COMMON_NAME_MIN_SCORE_CYRILLIC``."""
    words = {w for p in match.pairs for w in p.query.split()}
    names = {w for p in match.pairs for w in p.result.split()}
    reread = reread and all(looks_korean(w) for w in names)
    weak = _weak_reread if reread else rules.is_weak
    if record.kind == "person" and (len(words) < 2 and len(names) < 2):
        return False
    if record.kind != "person" and any(
        t not in GENERIC_ORG_WORDS and t not in NAME_PARTICLES for t in match.result_extra
    ):
        return False
    if all(weak(w) for w in words) or all(weak(w) for w in names):
        parts = (min if reread else max)(len(words), len(names))  # reread: the span's own parts
        return (
            parts >= rules.COMMON_NAME_MIN_PARTS
            and not match.result_extra
            and match.score
            >= (rules.COMMON_NAME_MIN_SCORE_CYRILLIC if reread else rules.COMMON_NAME_MIN_SCORE)
        )
    return True


def _weak_reread(part: str) -> bool:
    return rules.is_weak(part) or looks_korean(part)


def best_span(
    matcher: DocumentMatcher, stream: TokenStream, hit: Hit, number: int
) -> Scored | None:
    """The best-scoring acceptable span around ``hit`` for the record numbered ``number``."""
    record = matcher.records[number]
    widest = len(max((f.tokens for f in record.forms()), key=len, default=())) + 1
    count = len(stream.tokens)
    best: Scored | None = None
    for first in range(max(0, hit.first - rules.SPAN_REACH), hit.first + 1):
        for last in range(hit.last, min(count - 1, hit.last + rules.SPAN_REACH) + 1):
            if last - first + 1 > max(widest, hit.last - hit.first + 1):
                continue
            start, end = stream.span(first, last)
            words = stream.text[start:end]
            if (
                _glued(stream.text, start, end)
                or _breaks(words)
                or not all(capitalised(w) for w in words.split())
            ):
                continue
            found = span_score(matcher, words, number, record)
            if found is None:
                continue
            score, match = found
            if best is None or (score, best.last - best.first) > (best.score, last - first):
                best = Scored(first, last, score, match)
    return best


def span_score(
    matcher: DocumentMatcher, words: str, number: int, record: Record
) -> tuple[float, NameMatch] | None:
    """The score and name alignment of ``words`` as a name of the record numbered
    ``number``, or None below the threshold or the coverage rules. Remembered per matcher (a
    bounded table): a pure function of its arguments, and names recur across documents."""
    key = (words, number)
    cache = matcher.span_scores
    if key in cache:
        return cache[key]
    person = record.kind == "person"
    found: tuple[float, NameMatch] | None = None
    query = prepared(words, person)
    if query is not None:
        score, _ = matcher.algorithm.score(query, record)
        if score >= matcher.algorithm.threshold:
            match = best_name_match(query.forms, record.forms(), person)
            reread = has_cyrillic(words) or korean_reading(words) != words
            if match is not None and covered(record, match, reread):
                found = (score, match)
    if len(cache) >= SPAN_CACHE_ENTRIES:
        cache.clear()
    cache[key] = found
    return found


def name_mentions(matcher: DocumentMatcher, stream: TokenStream, hit: Hit) -> list[Mention]:
    """Mentions of every entry keyed under one hit."""
    found = []
    for number in hit.records:
        record = matcher.records[number]
        scored = best_span(matcher, stream, hit, number)
        if scored is None:
            continue
        span = stream.span(scored.first, scored.last)
        explanation = (
            f"{scored.match.query_name!r} ~ {scored.match.result_name!r}: "
            f"{scored.match.explain()} ({matcher.algorithm.name} {scored.score:.2f})"
        )
        found.append(matcher.mention(record, stream, span, "name", scored.score, explanation))
    return found


def resolve(mentions: list[Mention]) -> list[Mention]:
    """One mention per entry and span; drop mentions overlapped by a clearly better one."""
    unique = {(m.entity_id, m.start, m.end): m for m in mentions}
    ranked = sorted(unique.values(), key=lambda m: (-m.score, m.start, m.entity_id))
    kept: list[Mention] = []
    for mention in ranked:
        if any(k.overlaps(mention) and k.score - mention.score > SCORE_TIE for k in kept):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end, m.entity_id))

"""Identifier hits: IMO numbers (check digit), MMSIs (valid MID), call signs and numbers that
need a context word before them, crypto addresses."""

from __future__ import annotations

from vigil.documents import rules
from vigil.documents.keys import IdentifierEntry
from vigil.documents.matcher import DocumentMatcher, Hit
from vigil.documents.mention import Mention
from vigil.documents.tokens import TokenStream
from vigil.register.identifiers import imo_problem, parse_mmsi


def check(entry: IdentifierEntry, stream: TokenStream, hit: Hit) -> str | None:
    """Why the hit is this identifier (an explanation), or None when a rule rejects it."""
    rule = rules.IDENTIFIER_RULES[entry.prop]
    value = "".join(stream.tokens[hit.first : hit.last + 1])
    if entry.prop == "imoNumber":
        problem = imo_problem(value)
        return None if problem else f"IMO {value}: check digit holds"
    if entry.prop == "mmsi":
        info = parse_mmsi(value)
        return f"MMSI {value}: {info.kind}, flag {info.country}" if info.valid else None
    if rule.context:
        before = stream.tokens[max(0, hit.first - rule.reach) : hit.first]
        words = [w for w in before if w in rule.context]
        if not words:
            return None
        return f"{rule.kind} {entry.value} after {words[-1]!r}"
    return f"{rule.kind} {entry.value}"


def identifier_mentions(matcher: DocumentMatcher, stream: TokenStream, hit: Hit) -> list[Mention]:
    """Mentions of the identifiers keyed under one hit."""
    found = []
    for number in hit.identifiers:
        entry = matcher.identifiers[number]
        record = matcher.by_id.get(entry.entity_id)
        reason = check(entry, stream, hit)
        if record is None or reason is None:
            continue
        span = stream.span(hit.first, hit.last)
        explanation = f"{reason} = {entry.prop} of {record.caption}"
        found.append(matcher.mention(record, stream, span, "identifier", 1.0, explanation))
    return found

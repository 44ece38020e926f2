"""Helpers shared by the list parsers: stable sub-entity ids, values with provenance, a report.

* :func:`sub_id` derives a sub-entity's id from its record's id and its content (never from a
  counter or a position), so the same passport in the next version of a list has the same id
  and the diff sees no change.
* :func:`add_value` adds one value with its record id as ``origin`` and the text as written as
  its ``original_value``; numbers lose their thousands separators and dates are read by
  :mod:`vigil.register.sources.textdates`. A value followthemoney cannot clean, or a property
  the schema does not have, is counted in the :class:`ParseReport`, never silently dropped
  (the source record's raw text keeps it too).
"""

from __future__ import annotations

import hashlib

from followthemoney import StatementEntity
from followthemoney.util import sanitize_text
from normality import squash_spaces

from vigil.register.model import ParseReport, Quarantined
from vigil.register.sources.textdates import parse_date_text

__all__ = ["ParseReport", "Quarantined", "add_value", "normalize_name", "short_hash", "sub_id"]


def short_hash(*parts: str | None) -> str:
    """A 10-hex-digit sha1 of the parts (None and "" count as empty)."""
    key = "\x1f".join(part or "" for part in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def sub_id(main_id: str, kind: str, *content: str | None) -> str:
    """The id of a sub-entity: ``<main id>-<kind>`` plus a hash of its content, if any."""
    if not content:
        return f"{main_id}-{kind}"
    return f"{main_id}-{kind}-{short_hash(*content)}"


def normalize_name(name: str) -> str:
    """The key two spellings of one list name share: case, spacing and final full stop."""
    return squash_spaces(name).rstrip(".").strip().casefold()


def add_value(
    entity: StatementEntity,
    prop: str,
    value: str | None,
    origin: str,
    report: ParseReport,
    original: str | None = None,
) -> list[str]:
    """Add ``value`` to ``entity.prop`` with provenance; the cleaned values that were added."""
    value = sanitize_text(value)
    if value is None or not value.strip():
        return []
    schema_prop = entity.schema.get(prop)
    if schema_prop is None:
        report.count(f"no property {entity.schema.name}.{prop}")
        return []
    original = original or value
    candidates = [value]
    if schema_prop.type.name == "date":
        candidates = parse_date_text(value)
    elif schema_prop.type.name == "number":
        candidates = [value.replace(",", "")]
    added: list[str] = []
    for candidate in candidates:
        clean = entity.unsafe_add(schema_prop, candidate, original_value=original, origin=origin)
        if clean is not None:
            added.append(clean)
    if not added:
        report.count(f"rejected {schema_prop.type.name} value")
    return added

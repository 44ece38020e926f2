"""Queries and results of screening (the Python API's types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from followthemoney.types import registry

from vigil.screening.errors import QueryError
from vigil.screening.normalize import check_query_name, clean
from vigil.screening.records import normalize_identifier
from vigil.screening.variants import NameForm, cached_name_forms, name_forms

# Query schema -> record kinds it may match.
QUERY_SCHEMAS: Final[dict[str, frozenset[str]]] = {
    "Person": frozenset({"person", "any"}),
    "Organization": frozenset({"org", "any"}),
    "Company": frozenset({"org", "any"}),
    "LegalEntity": frozenset({"person", "org", "any"}),
    "Vessel": frozenset({"vessel"}),
    "Airplane": frozenset({"vessel"}),
    "any": frozenset({"person", "org", "vessel", "any"}),
}
QUERY_KIND: Final = {"Person": "person", "Vessel": "vessel", "Airplane": "vessel"}


@dataclass(frozen=True)
class Query:
    """What to screen: a name in any script, a schema, and optional details."""

    name: str
    schema: str = "any"
    birth_date: str | None = None
    countries: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()

    def key(self) -> str:
        """A stable key for decisions: schema and the query's normalised name tokens."""
        forms = name_forms(clean(self.name), QUERY_KIND.get(self.schema, "any"))
        tokens = sorted(t.text for t in forms[0].tokens) if forms else []
        return f"{self.schema}:{' '.join(tokens)}"


@dataclass(frozen=True)
class PreparedQuery:
    """A query turned into comparable forms (built once per query)."""

    query: Query
    kinds: frozenset[str]
    forms: tuple[NameForm, ...]
    identifiers: frozenset[str]
    birth_date: str | None
    countries: frozenset[str]

    @property
    def person(self) -> bool:
        """Whether names compare as people's (initials allowed)."""
        return self.query.schema == "Person"


def prepare(query: Query) -> PreparedQuery:
    """Validate a query and build its forms; :class:`QueryError` when it cannot be screened."""
    if query.schema not in QUERY_SCHEMAS:
        raise QueryError(
            f"schema {query.schema!r} is not screenable; use one of {list(QUERY_SCHEMAS)}"
        )
    name = check_query_name(query.name)
    forms = cached_name_forms(name, QUERY_KIND.get(query.schema, "any"))
    if not forms:
        raise QueryError(f"name {query.name[:40]!r} has no comparable parts")
    ids = {i for i in (normalize_identifier(v) for v in query.identifiers) if i}
    return PreparedQuery(
        query=query,
        kinds=QUERY_SCHEMAS[query.schema],
        forms=forms,
        identifiers=frozenset(ids),
        birth_date=clean(query.birth_date) if query.birth_date else None,
        countries=frozenset(_country(c) for c in query.countries if c.strip()),
    )


def _country(value: str) -> str:
    code = registry.country.clean(value)
    return code if code else value.strip().lower()


@dataclass(frozen=True)
class Contribution:
    """One feature's part in a score: its name, its effect and a reason."""

    feature: str
    value: float
    detail: str


@dataclass(frozen=True)
class Result:
    """One register entry for a query, with its score and why."""

    entity_id: str
    caption: str
    schema: str
    lists: tuple[str, ...]
    score: float
    match: bool
    algorithm: str
    explanation: tuple[Contribution, ...] = field(default_factory=tuple)

    def explain(self) -> str:
        """A one-line explanation: ``name 0.92 (kim=kim, ...); birth date +0.05 (...)``."""
        return "; ".join(f"{c.feature} {c.value:+.2f} ({c.detail})" for c in self.explanation)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "lists": list(self.lists),
            "score": round(self.score, 4),
            "match": self.match,
            "algorithm": self.algorithm,
            "explanation": [
                {"feature": c.feature, "value": round(c.value, 4), "detail": c.detail}
                for c in self.explanation
            ],
        }

"""``vigil demo``: Vigil's main job on the bundled sample data.

Until detection lands, the main job loads the bundled designations (the UN consolidated list
and the OFAC SDN list) into the register and screens a sample of names against them: designated
names written in other romanizations and scripts, a renamed ship found by its IMO number, and
well-known names that are not designated and must not match.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from vigil.register.ingest import ingest
from vigil.register.query import iter_entities, stats
from vigil.screening.api import Screener
from vigil.screening.models import Query
from vigil.store import Store

SAMPLE_LISTS = ("un_consolidated_2026-02-27.xml", "ofac_sdn_2024-05-03.csv")
SAMPLE_NAMES = "screen_names.csv"


def sample_path(name: str) -> Path:
    """A file of the bundled sample data."""
    return Path(str(resources.files("vigil.sample").joinpath(name)))


@dataclass(frozen=True)
class ScreenedName:
    """One sample name, why it is in the sample, and the best register entry for it."""

    name: str
    schema: str
    why: str
    expect_match: bool
    best: dict[str, Any] | None

    @property
    def as_expected(self) -> bool:
        """Whether the verdict is the one the sample expects."""
        return bool(self.best and self.best["match"]) == self.expect_match


def load_lists(store: Store) -> list[dict[str, Any]]:
    """Ingest the bundled lists; returns one summary per list."""
    summaries = []
    for name in SAMPLE_LISTS:
        result = ingest(store, sample_path(name))
        summaries.append({"file": name, "created": result.created, **result.version.as_dict()})
    return summaries


def screen_sample(store: Store) -> list[ScreenedName]:
    """Screen the bundled sample names against the register's current entities."""
    screener = Screener.from_entities(iter_entities(store))
    screened = []
    with sample_path(SAMPLE_NAMES).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            query = Query(
                row["name"],
                schema=row["schema"] or "any",
                birth_date=row["birth_date"] or None,
                countries=tuple(filter(None, [row["country"]])),
                identifiers=tuple(filter(None, [row["identifier"]])),
            )
            results = screener.screen(query, limit=1)
            best = results[0].to_dict() if results else None
            expect = row["expect"] == "match"
            screened.append(ScreenedName(row["name"], row["schema"], row["why"], expect, best))
    return screened


def run_demo(store: Store) -> dict[str, Any]:
    """Load the sample lists, summarise the DPRK view and screen the sample names."""
    lists = load_lists(store)
    counts = stats(store)
    screened = screen_sample(store)
    return {
        "lists": lists,
        "dprk": {name: info["dprk"] for name, info in counts["lists"].items()},
        "screening": [{**s.__dict__, "as_expected": s.as_expected} for s in screened],
    }

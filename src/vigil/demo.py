"""``vigil demo``: Vigil's main job (``vigil run``) on the bundled sample data.

The demo loads the bundled designations (the UN consolidated list and the OFAC SDN list), screens
a sample of names against them (designated names in other romanizations and scripts, a renamed
ship found by its IMO number, well-known names that must not match), simulates a small Korea Bay
AIS scenario with a designated vessel of the lists sailing through it (:mod:`vigil.demo_vessel`),
and runs the main job on it and on the bundled German Panel-of-Experts article: ingest,
detectors, document scan, screening of the vessels seen, and the report.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from vigil.demo_vessel import ListedShip, pick_listed_ship, write_listed_ship_nmea
from vigil.register.ingest import ingest
from vigil.register.query import stats
from vigil.run.config import ReportConfig, SourcesConfig, VigilConfig
from vigil.run.pipeline import SCREENERS, run_job
from vigil.screening.models import Query
from vigil.store import Store

SAMPLE_LISTS = ("un_consolidated_2026-02-27.xml", "ofac_sdn_2024-05-03.csv")
SAMPLE_NAMES = "screen_names.csv"
SAMPLE_ARTICLE = "2024-03-28_russia_veto_panel_of_experts_de.txt"


@dataclass(frozen=True)
class Scenario:
    """The simulated AIS of the demo: small, so that ``make demo`` stays within minutes."""

    name: str = "korea-bay"
    vessels: int = 30
    days: int = 3
    seed: int = 0


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
    screener = SCREENERS.get(store)  # shared with the main job's screening stage
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


def simulate_ais(folder: Path, scenario: Scenario) -> Path:
    """The scenario's NMEA file, simulated into ``folder`` unless it is already there."""
    from vigil.ais.simulate.runner import simulate

    nmea = folder / "positions.nmea"
    if not (folder / "truth.json").is_file():
        simulate(scenario.name, folder, vessels=scenario.vessels, days=scenario.days,
                 seed=scenario.seed)  # fmt: skip
    return nmea


def listed_ship_ais(
    store: Store, folder: Path, scenario: Scenario
) -> tuple[Path, ListedShip] | None:
    """AIS of a designated vessel of the register sailing during the scenario (see
    :mod:`vigil.demo_vessel`), written beside the scenario's; ``None`` without listed vessels."""
    from vigil.ais.simulate.scenarios import get

    ship = pick_listed_ship(store)
    if ship is None:
        return None
    path = folder / "designated.nmea"
    write_listed_ship_nmea(ship, get(scenario.name).start, path)
    return path, ship


def demo_config(home: Path, nmea: Path | list[Path] | None) -> VigilConfig:
    """The main job's configuration for the sample: the simulated AIS, the article and the
    publicly reported cap notifications (the lists are loaded by :func:`load_lists` first, so
    the job does not read them again)."""
    notifications = Path(
        str(resources.files("vigil.caps").joinpath("data/notifications_public.csv"))
    )
    ais = nmea if isinstance(nmea, list) else [nmea] if nmea else []
    sources = SourcesConfig(
        ais=ais,
        documents=[sample_path(SAMPLE_ARTICLE)],
        notifications=[notifications],
    )
    return VigilConfig(sources=sources, report=ReportConfig(out=home / "report"))


def run_demo(store: Store, home: Path, scenario: Scenario | None = Scenario()) -> dict[str, Any]:
    """Load the sample lists, screen the sample names, then run the main job on the sample."""
    lists = load_lists(store)
    counts = stats(store)
    screened = screen_sample(store)
    ais: list[Path] = []
    listed: ListedShip | None = None
    if scenario:
        ais.append(simulate_ais(home / "demo-ais", scenario))
        extra = listed_ship_ais(store, home / "demo-ais", scenario)
        if extra:
            ais.append(extra[0])
            listed = extra[1]
    job = run_job(store, demo_config(home, ais))
    return {
        "designated_vessel": listed.__dict__ if listed else None,
        "lists": lists,
        "dprk": {name: info["dprk"] for name, info in counts["lists"].items()},
        "screening": [{**s.__dict__, "as_expected": s.as_expected} for s in screened],
        "job": job.as_dict(),
        "report": job.stages["report"],
    }

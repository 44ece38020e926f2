"""Named scenarios as data: region, vessel count, days, event counts, reception, traffic mix."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from vigil.ais.simulate.errors import ScenarioError
from vigil.ais.simulate.reception import Reception

DEFAULT_EVENTS = {
    "sts_transfer": 4,
    "loitering": 3,
    "ais_gap": 3,
    "spoofing": 2,
    "identity_change": 2,
    "shared_mmsi": 1,
    "port_call": 3,
}
EVENT_VESSELS = {"sts_transfer": 2, "shared_mmsi": 2}
MIN_DAYS = 3


@dataclass(frozen=True)
class Scenario:
    """Everything that defines a run apart from the seed."""

    name: str
    description: str
    vessels: int
    days: int
    start: str = "2024-03-01T00:00:00Z"
    events: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_EVENTS))
    offshore: tuple[str, ...] = ("korea-bay-south", "korea-bay-east", "yellow-sea-north")
    decoy: tuple[str, ...] = ("yellow-sea-central", "east-china-sea")
    dark: tuple[str, ...] = ("korea-bay-dprk",)
    fishing: tuple[str, ...] = ("yellow-sea-grounds", "south-yellow-sea-grounds")
    dprk_ports: tuple[str, ...] = ("Nampho (Nampo)", "Haeju")
    mix: dict[str, float] = field(
        default_factory=lambda: {"liner": 0.3, "anchored": 0.3, "fishing": 0.4}
    )
    reception: Reception = field(default_factory=Reception)
    gps_noise_m: float = 5.0

    @property
    def event_vessels(self) -> int:
        """Vessels the scripted events need."""
        return sum(n * EVENT_VESSELS.get(kind, 1) for kind, n in self.events.items())

    def with_options(self, vessels: int | None, days: int | None) -> Scenario:
        """A copy with ``--vessels`` / ``--days`` applied and checked."""
        out = replace(
            self,
            vessels=self.vessels if vessels is None else vessels,
            days=self.days if days is None else days,
        )
        if out.days < MIN_DAYS:
            raise ScenarioError(
                f"--days must be at least {MIN_DAYS} for scenario {self.name}, not {out.days}"
            )
        if out.vessels < out.event_vessels:
            raise ScenarioError(
                f"--vessels must be at least {out.event_vessels} for scenario {self.name} "
                f"(its events need them), not {out.vessels}"
            )
        return out


EAST = {
    "offshore": ("east-korea-bay",),
    "dark": ("east-sea-dprk",),
    "fishing": ("east-sea-grounds",),
    "dprk_ports": ("Wonsan", "Hungnam"),
}
SCENARIOS = {
    s.name: s
    for s in (
        Scenario("korea-bay", "Korea Bay and the northern Yellow Sea, all event kinds", 80, 4),
        Scenario(
            "yellow-sea",
            "the whole Yellow Sea, more traffic",
            150,
            4,
            offshore=("korea-bay-south", "yellow-sea-north"),
            dprk_ports=("Nampho (Nampo)",),
        ),
        Scenario(
            "east-sea",
            "the East Sea off the DPRK east coast",
            80,
            4,
            offshore=EAST["offshore"],
            dark=EAST["dark"],
            fishing=EAST["fishing"],
            dprk_ports=EAST["dprk_ports"],
        ),
        Scenario(
            "hard",
            "dense port traffic and noisy reception",
            200,
            4,
            mix={"liner": 0.3, "anchored": 0.5, "fishing": 0.2},
            reception=Reception(
                terrestrial_p=0.7, range_scale=0.7, sat_gap_min=(60.0, 300.0), sat_p=0.15
            ),
            gps_noise_m=25.0,
        ),
        Scenario(
            "scale",
            "background traffic only, for throughput",
            1000,
            3,
            events={k: 0 for k in DEFAULT_EVENTS},
        ),
    )
}


def get(name: str) -> Scenario:
    """The scenario called ``name``."""
    if name not in SCENARIOS:
        raise ScenarioError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
    return SCENARIOS[name]

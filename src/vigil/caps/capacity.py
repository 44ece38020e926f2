"""What a tanker could carry: deadweight from the register, or from its AIS dimensions.

Deadweight (t) is taken, in this order, from the register's ``deadweightTonnage``; from the AIS
length, beam and largest reported draught as ``L × B × T × Cb × ρ × (DWT/Δ)``; or from the
register's gross tonnage times a declared ratio. Whether a vessel is a tanker comes from its AIS
ship type (80-89) or the register's vessel type. Every coefficient is declared with its source in
``data/capacity.json``; the basis of each figure is kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from vigil.register.identifiers import normalize_imo, parse_mmsi
from vigil.register.query import iter_entities
from vigil.store import Store

_DIMENSIONS = re.compile(r"^L(\d+(?:\.\d+)?) B(\d+(?:\.\d+)?)$")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


class CapacityModel(BaseModel):
    """The declared capacity model (``data/capacity.json``; the ``*_source`` keys document it)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    model_version: str
    tanker_ship_types: tuple[int, ...]
    register_tanker_words: tuple[str, ...]
    block_coefficient: float
    deadweight_per_displacement: float
    dwt_per_gross_tonnage: float
    seawater_density_t_per_m3: float
    cargo_bbl_per_t: float
    laden_fraction_scenarios: tuple[float, ...]
    same_cargo_window_days: int
    dprk_port_radius_km: float


@cache
def capacity_model() -> CapacityModel:
    """The model of ``data/capacity.json``."""
    text = resources.files("vigil.caps").joinpath("data/capacity.json").read_text("utf-8")
    return CapacityModel.model_validate_json(text)


def dwt_from_dimensions(
    length_m: float, beam_m: float, draught_m: float, model: CapacityModel
) -> float:
    """Deadweight in tonnes from length, beam and laden draught in metres."""
    displacement_t = length_m * beam_m * draught_m * model.block_coefficient
    displacement_t *= model.seawater_density_t_per_m3
    return displacement_t * model.deadweight_per_displacement


@dataclass(frozen=True)
class VesselFacts:
    """What Vigil knows of one vessel for delivery estimates, each fact with its basis."""

    mmsi: int | None
    imo: str | None
    name: str | None
    tanker: bool
    tanker_basis: str
    dwt_t: float | None
    dwt_basis: str
    dprk: bool
    dprk_basis: str

    @property
    def key(self) -> str:
        """``mmsi:…`` or ``imo:…``: how deliveries by the same vessel are grouped."""
        return f"mmsi:{self.mmsi}" if self.mmsi is not None else f"imo:{self.imo}"


def _number(values: Iterable[str]) -> float | None:
    for value in values:
        match = _NUMBER.search(value)
        if match and float(match[0].replace(",", "")) > 0:
            return float(match[0].replace(",", ""))
    return None


@dataclass
class RegisterFacts:
    """What the register says of one vessel: deadweight, tonnage, type, DPRK view."""

    dwt_t: float | None = None
    gross_t: float | None = None
    tanker: bool = False
    type_text: str = ""
    dprk: bool = False
    entity_id: str = ""


def register_index(store: Store, model: CapacityModel) -> dict[str, RegisterFacts]:
    """Register vessels by ``imo:…`` and ``mmsi:…`` keys."""
    dprk_ids = {e.id for e in iter_entities(store, dprk_only=True) if e.schema.name == "Vessel"}
    index: dict[str, RegisterFacts] = {}
    for entity in iter_entities(store):
        if entity.schema.name != "Vessel":
            continue
        types = " ".join(entity.get("type")).lower()
        facts = RegisterFacts(
            dwt_t=_number(entity.get("deadweightTonnage")),
            gross_t=_number(entity.get("grossRegisteredTonnage") + entity.get("tonnage")),
            tanker=any(word in types for word in model.register_tanker_words),
            type_text=types,
            dprk=entity.id in dprk_ids,
            entity_id=str(entity.id),
        )
        for imo in filter(None, (normalize_imo(v) for v in entity.get("imoNumber"))):
            index[f"imo:{imo}"] = facts
        for mmsi in entity.get("mmsi"):
            index[f"mmsi:{mmsi.strip()}"] = facts
    return index


def ais_identity(store: Store, mmsis: Iterable[int]) -> dict[int, dict[str, list[str]]]:
    """AIS identity values (ship_type, dimensions, draught, imo, name) per MMSI."""
    wanted = sorted(set(mmsis))
    if not wanted:
        return {}
    rows = store.conn.execute(
        "SELECT mmsi, field, value FROM ais_identity WHERE field IN"
        " ('ship_type', 'dimensions', 'draught', 'imo', 'name')"
        f" AND mmsi IN ({', '.join('?' for _ in wanted)}) ORDER BY last_seen DESC",
        wanted,
    ).fetchall()
    found: dict[int, dict[str, list[str]]] = {}
    for mmsi, field, value in rows:
        found.setdefault(int(mmsi), {}).setdefault(field, []).append(value)
    return found


def _ais_dwt(ais: dict[str, list[str]], model: CapacityModel) -> tuple[float, str] | None:
    dims = [m for m in (_DIMENSIONS.match(v) for v in ais.get("dimensions", [])) if m]
    draughts = [float(v) for v in ais.get("draught", []) if float(v) > 0]
    if not dims or not draughts:
        return None
    length_m, beam_m, draught_m = float(dims[0][1]), float(dims[0][2]), max(draughts)
    dwt = dwt_from_dimensions(length_m, beam_m, draught_m, model)
    basis = (f"AIS L {length_m:g} m x B {beam_m:g} m x T {draught_m:g} m x Cb"
             f" {model.block_coefficient} x {model.seawater_density_t_per_m3} t/m3 x DWT/displacement"
             f" {model.deadweight_per_displacement}")  # fmt: skip
    return dwt, basis


def facts_for(
    mmsi: int | None,
    imo: str | None,
    name: str | None,
    ais: dict[str, list[str]],
    register: dict[str, RegisterFacts],
    model: CapacityModel,
) -> VesselFacts:
    """Tanker status, deadweight and DPRK link of one vessel, each with its basis."""
    imo = normalize_imo(imo) or normalize_imo(next(iter(ais.get("imo", [])), None))
    reg = register.get(f"imo:{imo}") or register.get(f"mmsi:{mmsi}") or RegisterFacts()
    ship_types = [int(v) for v in ais.get("ship_type", []) if v.isdigit()]
    tanker_type = next((t for t in ship_types if t in model.tanker_ship_types), None)
    tanker, tanker_basis = True, f"AIS ship type {tanker_type}"
    if tanker_type is None:
        tanker, tanker_basis = reg.tanker, f"register type {reg.type_text!r}" if reg.tanker else ""
    ais_dwt = _ais_dwt(ais, model)
    dwt, dwt_basis = None, "unknown: no deadweight in the register, no AIS dimensions and draught"
    if reg.dwt_t is not None:
        dwt, dwt_basis = reg.dwt_t, f"register deadweightTonnage ({reg.entity_id})"
    elif ais_dwt is not None:
        dwt, dwt_basis = ais_dwt
    elif reg.gross_t is not None:
        dwt = reg.gross_t * model.dwt_per_gross_tonnage
        dwt_basis = f"register tonnage {reg.gross_t:g} x {model.dwt_per_gross_tonnage} DWT/GT"
    flag = parse_mmsi(mmsi).country if mmsi is not None else None
    dprk, dprk_basis = flag == "KP", "MMSI MID 445 (DPRK flag)" if flag == "KP" else ""
    if not dprk and reg.dprk:
        dprk, dprk_basis = True, f"in the register's DPRK view ({reg.entity_id})"
    name = name or next(iter(ais.get("name", [])), None)
    return VesselFacts(mmsi, imo, name, tanker, tanker_basis, dwt, dwt_basis, dprk, dprk_basis)

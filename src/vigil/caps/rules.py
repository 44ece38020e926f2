"""The declared rules of the ledger, read from package data: caps, products, units.

``data/caps.json`` holds the two resolution 2397 caps (refined products, crude oil), the alert
thresholds and the reporting-gap rule; ``data/products.csv`` each product with its cap and its
barrels-per-tonne factor (with the factor's source); ``data/units.csv`` the units a quantity may
be given in. Their sources are in ``data/PROVENANCE.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict

from vigil.caps.errors import RulesError


class Cap(BaseModel):
    """One cap: its measure, size and period, and the supplier's reporting duty."""

    model_config = ConfigDict(frozen=True)

    measure_id: str
    resolution: str
    hs: str
    cap_bbl: float
    cap_t: float | None
    period_kind: Literal["calendar_year", "twelve_months"]
    first_period_start: date
    reporting_interval_days: int
    min_gap_months: int
    gap_rule_note: str


class CapRules(BaseModel):
    """Every cap and the alert thresholds (percent of the cap)."""

    model_config = ConfigDict(frozen=True)

    thresholds_pct: tuple[float, ...]
    caps: dict[str, Cap]


@dataclass(frozen=True)
class Product:
    """A product a notification may name, the cap it counts against and its factor."""

    product: str
    cap: str
    hs: str
    bbl_per_t: float
    factor_source: str


@dataclass(frozen=True)
class Unit:
    """A unit of quantity: barrels-equivalent volume or tonnes-equivalent mass."""

    unit: str
    dimension: Literal["volume", "mass"]
    factor: float  # to barrels (volume) or tonnes (mass)
    source: str


def _data(name: str) -> str:
    return resources.files("vigil.caps").joinpath(f"data/{name}").read_text("utf-8")


def _aliases(text: str) -> list[str]:
    return [a.strip().lower() for a in text.split("|") if a.strip()]


@cache
def cap_rules() -> CapRules:
    """The caps and thresholds of ``data/caps.json``."""
    return CapRules.model_validate_json(_data("caps.json"))


@cache
def products() -> dict[str, Product]:
    """Products by every alias (lower case), including their own id."""
    found: dict[str, Product] = {}
    for row in csv.DictReader(_data("products.csv").splitlines()):
        product = Product(
            row["product"], row["cap"], row["hs"], float(row["bbl_per_t"]), row["factor_source"]
        )
        if product.cap not in cap_rules().caps:
            raise RulesError(f"products.csv: {product.product} names unknown cap {product.cap!r}")
        for alias in {product.product.lower(), *_aliases(row["aliases"])}:
            found[alias] = product
    return found


@cache
def units() -> dict[str, Unit]:
    """Units by every alias (lower case)."""
    found: dict[str, Unit] = {}
    for row in csv.DictReader(_data("units.csv").splitlines()):
        dimension = row["dimension"]
        if dimension not in ("volume", "mass"):
            raise RulesError(f"units.csv: {row['unit']} has unknown dimension {dimension!r}")
        unit = Unit(row["unit"], dimension, float(row["factor"]), row["source"])  # type: ignore[arg-type]  # checked above
        for alias in {unit.unit.lower(), *_aliases(row["aliases"])}:
            found[alias] = unit
    return found


@dataclass(frozen=True)
class Quantity:
    """A quantity in both units of the caps, with the factor that linked them."""

    quantity_bbl: float
    quantity_t: float
    bbl_per_t: float
    factor_source: str


def convert(quantity: float, unit: Unit, product: Product) -> Quantity:
    """``quantity`` of ``unit`` as barrels and tonnes, using the product's declared factor."""
    if unit.dimension == "volume":
        bbl = quantity * unit.factor
        return Quantity(bbl, bbl / product.bbl_per_t, product.bbl_per_t, product.factor_source)
    tonnes = quantity * unit.factor
    return Quantity(tonnes * product.bbl_per_t, tonnes, product.bbl_per_t, product.factor_source)

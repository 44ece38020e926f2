"""Fixtures for screening tests: small registers built in code."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney import StatementEntity

from vigil.register.model import make_entity
from vigil.screening.api import Screener

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def person(entity_id: str, names: list[str], **props: list[str]) -> StatementEntity:
    """A UN-listed person with names and other properties."""
    entity = make_entity("un", "Person", entity_id)
    entity.add("name", names[0])
    for alias in names[1:]:
        entity.add("alias", alias)
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


def org(entity_id: str, schema: str, names: list[str], **props: list[str]) -> StatementEntity:
    """A listed organisation or vessel."""
    entity = make_entity("un", schema, entity_id)
    entity.add("name", names[0])
    for alias in names[1:]:
        entity.add("alias", alias)
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


@pytest.fixture(scope="session")
def register() -> list[StatementEntity]:
    """A few DPRK designations (names as the UN writes them) and others."""
    passport = make_entity("un", "Passport", "un-kpi-002-passport")
    passport.add("holder", "un-kpi-002")
    passport.add("number", "PD 381420105")
    return [
        person("un-kpi-002", ["RI JE-SON", "Ri Che-son"], birthDate=["1938"], nationality=["kp"]),
        person("un-kpi-066", ["KIM JONG SIK", "Kim Cho'ng-sik"], nationality=["kp"]),
        person("un-kpi-054", ["CHOE CHUN YONG", "Ch'oe Ch'un-yo'ng"], birthDate=["1960"]),
        person("un-kpi-010", ["PAK TO-CHUN"], birthDate=["1944-03-09"]),
        person("un-kpi-030", ["RYU JIN"]),
        person("un-qdi-001", ["Olaf Scholz", "SCHOLZ, Olaf"]),
        person("un-qdi-002", ["Sergey Viktorovich LAVROV"]),
        org(
            "un-kpe-001", "Organization", ["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"]
        ),
        org("un-kpe-020", "Company", ["OCEAN MARITIME MANAGEMENT COMPANY, LIMITED"]),
        org("un-v-9191004", "Vessel", ["CHON MA SAN"], imoNumber=["8660313"]),
        org("un-v-8", "Vessel", ["JI SONG 6"], imoNumber=["8898740"]),
        org("un-v-9", "Vessel", ["JI SONG 8"], imoNumber=["8503228"]),
        passport,
    ]


@pytest.fixture(scope="session")
def screener(register: list[StatementEntity]) -> Screener:
    """The index of the small register."""
    return Screener.from_entities(register)

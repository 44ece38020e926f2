"""Fixtures for document tests: a small register built in code, and the real UN + OFAC lists
parsed and compiled once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney import StatementEntity

from vigil.documents.matcher import DocumentMatcher
from vigil.register.model import make_entity

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
ARTICLE = SHARED_DATA / "documents" / "2024-03-28_russia_veto_panel_of_experts_de.txt"


def entity(schema: str, entity_id: str, names: list[str], **props: list[str]) -> StatementEntity:
    """A listed entity with a name, aliases and other properties."""
    made = make_entity("ofac" if entity_id.startswith("ofac") else "un", schema, entity_id)
    made.add("name", names[0])
    for alias in names[1:]:
        made.add("alias", alias)
    for prop, values in props.items():
        made.add(prop, values)
    return made


@pytest.fixture(scope="session")
def small_register() -> list[StatementEntity]:
    """A handful of designations, written as the lists write them."""
    wallet = make_entity("ofac", "CryptoWallet", "ofac-25308-wallet")
    wallet.add("publicKey", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")
    wallet.add("holder", "ofac-25308")
    return [
        entity("Person", "ofac-20157", ["KIM, Jong Un"], programId=["DPRK3"]),
        entity("Person", "ofac-21444", ["KIM, Yo Jong"], programId=["DPRK2"]),
        entity("Person", "ofac-35096", ["PUTIN, Vladimir Vladimirovich"]),
        entity("Person", "ofac-37509", ["ZAKHAROVA, Mariya Vladimirovna"]),
        entity("Person", "ofac-45992", ["ZAKHAROVA, Svetlana Nikolaevna"]),
        entity("Person", "un-kpi-001", ["RI JE-SON", "Ri Che-son"]),
        entity("Person", "un-kpi-099", ["KIM CHOL"]),
        entity("Person", "ofac-25308", ["PARK, Jin Hyok", "PAK, Jin-hek"]),
        entity("Organization", "un-kpe-001", ["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"]),
        entity("Vessel", "un-vessel-1", ["CHON MA SAN"], imoNumber=["8660313"], mmsi=["445039000"]),
        entity("Vessel", "ofac-37444", ["GRACEFUL"], imoNumber=["1011551"], callSign=["UBGV8"]),
        wallet,
    ]  # fmt: skip


@pytest.fixture(scope="session")
def small_matcher(small_register: list[StatementEntity]) -> DocumentMatcher:
    """The small register, compiled."""
    return DocumentMatcher.from_entities(small_register)


@pytest.fixture(scope="session")
def full_matcher() -> DocumentMatcher:
    """The UN consolidated list and the 2024 OFAC SDN list, compiled (one parse a session)."""
    from vigil.register.sources import ofac_csv, un_xml

    sanctions = SHARED_DATA / "sanctions"
    entities = [
        *un_xml.parse(sanctions / "un_consolidated_2026-02-27.xml").entities,
        *ofac_csv.parse(sanctions / "ofac_sdn_2024-05-03.csv").entities,
    ]
    return DocumentMatcher.from_entities(entities)

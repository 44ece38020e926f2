"""The register facts detectors use: designated vessels by IMO, MMSI and name, their flags, and
the list versions read (cited as evidence by sightings)."""

from __future__ import annotations

from typing import Any

from vigil.register.identifiers import normalize_imo
from vigil.register.query import iter_entities
from vigil.register.versions import current_versions
from vigil.store import Store


def load_register(store: Store) -> dict[str, Any]:
    """Designated vessels indexed by IMO and MMSI (empty when no list is loaded)."""
    out: dict[str, Any] = {
        "by_imo": {},
        "by_mmsi": {},
        "flags": {},
        "names": {},
        "versions": {},
        "entities": [],
    }
    versions = current_versions(store)
    out["versions"] = {name: v.version_id for name, v in versions.items()}
    for entity in iter_entities(store):
        if entity.schema.name != "Vessel":
            continue
        out["entities"].append(entity)
        eid = str(entity.id)
        for value in entity.get("imoNumber"):
            imo = normalize_imo(value)
            if imo:
                out["by_imo"].setdefault(imo, set()).add(eid)
        for value in entity.get("mmsi"):
            if value.strip().isdigit():
                out["by_mmsi"].setdefault(int(value), set()).add(eid)
        flags = entity.get("flag")
        out["flags"][eid] = flags[0] if flags else None
        out["names"][eid] = entity.caption
    return out

"""Read the register: entities of the current versions, one entity, statistics."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from followthemoney import Statement, StatementEntity

from vigil.register.errors import UnknownVersionError
from vigil.register.model import dataset_for
from vigil.register.versions import Version, current_versions
from vigil.store import Store

_STMT_SQL = (
    "SELECT s.entity_id, s.schema, s.prop, s.value, s.lang, s.original_value, s.dataset,"
    " s.origin, s.id, v.list FROM register_statements s"
    " JOIN register_versions v USING (version_id)"
)


def _versions(store: Store, lists: Sequence[str] | None) -> list[Version]:
    current = current_versions(store)
    chosen = [v for name, v in current.items() if not lists or name in lists]
    return chosen


def _group(rows: list[tuple[Any, ...]]) -> Iterator[StatementEntity]:
    entity: StatementEntity | None = None
    for row in rows:
        eid, schema, prop, value, lang, original, dataset, origin, sid, list_name = row
        if entity is None or entity.id != eid:
            if entity is not None:
                yield entity
            entity = StatementEntity(dataset_for(list_name), {"schema": schema, "id": eid})
        entity.add_statement(
            Statement(
                entity_id=eid,
                prop=prop,
                schema=schema,
                value=value,
                dataset=dataset,
                lang=lang,
                original_value=original,
                origin=origin,
                id=sid,
            )
        )
    if entity is not None:
        yield entity


def iter_entities(
    store: Store,
    lists: Sequence[str] | None = None,
    dprk_only: bool = False,
    main_only: bool = False,
) -> Iterator[StatementEntity]:
    """Entities of the current version of each list (optionally only the DPRK regime)."""
    for version in _versions(store, lists):
        filters = ["e.version_id = ?"]
        if dprk_only:
            filters.append("e.dprk")
        if main_only:
            filters.append("e.is_main")
        rows = store.conn.execute(
            f"{_STMT_SQL} JOIN register_entities e"
            " ON e.version_id = s.version_id AND e.entity_id = s.entity_id"
            f" WHERE {' AND '.join(filters)} ORDER BY s.entity_id, s.prop, s.value",
            [version.version_id],
        ).fetchall()
        yield from _group(rows)


def get_entity(store: Store, entity_id: str, version_id: int | None = None) -> dict[str, Any]:
    """One entity with its statements (provenance), record, sanctions and related entities."""
    if version_id is None:
        row = store.conn.execute(
            "SELECT e.version_id FROM register_entities e WHERE e.entity_id = ?"
            " ORDER BY e.version_id DESC LIMIT 1",
            [entity_id],
        ).fetchone()
        if row is None:
            raise UnknownVersionError(f"no register entity {entity_id!r}")
        version_id = int(row[0])
    rows = store.conn.execute(
        f"{_STMT_SQL} WHERE s.version_id = ? AND s.entity_id = ? ORDER BY s.prop, s.value",
        [version_id, entity_id],
    ).fetchall()
    if not rows:
        raise UnknownVersionError(f"no register entity {entity_id!r} in version {version_id}")
    entity = next(_group(rows))
    record_id = rows[0][7]
    related = store.conn.execute(
        "SELECT entity_id FROM register_entities WHERE version_id = ? AND record_id = ?"
        " AND entity_id <> ? ORDER BY entity_id",
        [version_id, record_id, entity_id],
    ).fetchall()
    record = store.conn.execute(
        "SELECT location, raw FROM register_records WHERE version_id = ? AND record_id = ?",
        [version_id, record_id],
    ).fetchone()
    version = store.conn.execute(
        "SELECT list, CAST(published AS VARCHAR), content_hash, files FROM register_versions"
        " WHERE version_id = ?",
        [version_id],
    ).fetchone()
    assert version is not None
    return {
        "id": entity.id,
        "schema": entity.schema.name,
        "caption": entity.caption,
        "properties": entity.properties,
        "statements": [
            {
                "prop": r[2],
                "value": r[3],
                "original_value": r[5],
                "lang": r[4],
                "dataset": r[6],
                "record": r[7],
            }
            for r in rows
        ],
        "provenance": {
            "version_id": version_id,
            "list": version[0],
            "published": version[1],
            "content_hash": version[2],
            "files": version[3],
            "record": record_id,
            "location": record[0] if record else None,
            "raw": record[1] if record else None,
        },
        "related": [r[0] for r in related],
    }


def stats(store: Store) -> dict[str, Any]:
    """Counts of the current versions by list, regime or program, and schema."""
    result: dict[str, Any] = {"lists": {}}
    for version in _versions(store, None):
        vid = version.version_id
        by_schema = store.conn.execute(
            "SELECT schema, count(*) FROM register_entities WHERE version_id = ?"
            " GROUP BY 1 ORDER BY 1",
            [vid],
        ).fetchall()
        by_program = store.conn.execute(
            "SELECT program, schema, count(*) FROM (SELECT unnest(programs) AS program, schema"
            " FROM register_entities WHERE version_id = ? AND is_main) GROUP BY 1, 2 ORDER BY 1, 2",
            [vid],
        ).fetchall()
        dprk = store.conn.execute(
            "SELECT schema, count(*) FROM register_entities WHERE version_id = ? AND dprk"
            " AND is_main GROUP BY 1 ORDER BY 1",
            [vid],
        ).fetchall()
        programs: dict[str, dict[str, int]] = {}
        for program, schema, count in by_program:
            programs.setdefault(program, {})[schema] = count
        result["lists"][version.list_name] = {
            "version": version.as_dict(),
            "schemata": dict(by_schema),
            "programs": programs,
            "dprk": dict(dprk),
        }
    return result

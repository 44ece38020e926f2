"""What changed between two versions of a list: entries added, removed, and changed field by field.

Entries are the list's own records (``KPi.001``, an OFAC ent_num). A record's content is the set
of ``(schema, property, value)`` of every statement it produced, across the main entity and its
sub-entities (sanction, documents, addresses). Properties that only link entities by id are left
out, since what they link to is compared by its own values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model, registry

from vigil.register.errors import RegisterError
from vigil.register.versions import Version, get_version, list_versions
from vigil.store import Store

Fields = dict[str, set[str]]


@dataclass
class FieldChange:
    """One field of one record: the values it gained and lost."""

    field: str
    added: list[str]
    removed: list[str]


@dataclass
class RecordChange:
    """A record present in both versions whose content differs."""

    record: str
    entity_id: str
    caption: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ListDiff:
    """The difference between an old and a new version of one list."""

    old: Version
    new: Version
    added: list[dict[str, str]]
    removed: list[dict[str, str]]
    changed: list[RecordChange]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "list": self.new.list_name,
            "old": self.old.as_dict(),
            "new": self.new.as_dict(),
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": self.added,
            "removed": self.removed,
            "changed": [
                {
                    "record": c.record,
                    "entity_id": c.entity_id,
                    "caption": c.caption,
                    "changes": [ch.__dict__ for ch in c.changes],
                }
                for c in self.changed
            ],
        }


def _is_link(schema: str, prop: str) -> bool:
    schema_obj = model.get(schema)
    if schema_obj is None or prop not in schema_obj.properties:
        return False
    return schema_obj.properties[prop].type == registry.entity


def _records(store: Store, version_id: int) -> dict[str, Fields]:
    rows = store.conn.execute(
        "SELECT origin, schema, prop, value FROM register_statements WHERE version_id = ?",
        [version_id],
    ).fetchall()
    records: dict[str, Fields] = defaultdict(lambda: defaultdict(set))
    for origin, schema, prop, value in rows:
        if not _is_link(schema, prop):
            records[origin][f"{schema}.{prop}"].add(value)
    return records


def _mains(store: Store, version_id: int) -> dict[str, tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT record_id, entity_id, caption FROM register_entities"
        " WHERE version_id = ? AND is_main ORDER BY entity_id",
        [version_id],
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def _compare(old: Fields, new: Fields) -> list[FieldChange]:
    changes = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name, set()), new.get(name, set())
        if before != after:
            changes.append(FieldChange(name, sorted(after - before), sorted(before - after)))
    return changes


def diff_versions(store: Store, old: Version, new: Version) -> ListDiff:
    """Compare two versions of the same list."""
    if old.list_name != new.list_name:
        raise RegisterError(f"cannot diff versions of different lists: {old.label} / {new.label}")
    before, after = _records(store, old.version_id), _records(store, new.version_id)
    old_mains, new_mains = _mains(store, old.version_id), _mains(store, new.version_id)

    def entry(record: str, mains: dict[str, tuple[str, str]]) -> dict[str, str]:
        entity_id, caption = mains.get(record, ("", ""))
        return {"record": record, "entity_id": entity_id, "caption": caption}

    added = [entry(r, new_mains) for r in sorted(set(after) - set(before))]
    removed = [entry(r, old_mains) for r in sorted(set(before) - set(after))]
    changed = []
    for record in sorted(set(before) & set(after)):
        changes = _compare(before[record], after[record])
        if changes:
            entity_id, caption = new_mains.get(record, ("", ""))
            changed.append(RecordChange(record, entity_id, caption, changes))
    return ListDiff(old, new, added, removed, changed)


def diff(
    store: Store, list_name: str | None = None, old_id: int | None = None, new_id: int | None = None
) -> ListDiff:
    """Diff two versions by id, or the two latest versions of ``list_name``."""
    if old_id is not None and new_id is not None:
        return diff_versions(store, get_version(store, old_id), get_version(store, new_id))
    if old_id is not None or new_id is not None:
        raise RegisterError("give both OLD and NEW version ids, or neither")
    if list_name is None:
        raise RegisterError("give --list (un, ofac, un-vessels) or two version ids")
    versions = list_versions(store, list_name)
    if len(versions) < 2:
        raise RegisterError(f"list {list_name!r} has {len(versions)} version(s); diff needs two")
    return diff_versions(store, versions[-2], versions[-1])

"""The store: migrations are versioned, and opening an older store upgrades it."""

from __future__ import annotations

import duckdb
import pytest

from vigil.errors import StoreError
from vigil.settings import Settings
from vigil.store import Migration, Store, bundled_migrations


def test_new_store_has_every_migration(settings: Settings) -> None:
    with Store.open(settings) as store:
        assert store.applied_versions() == [m.version for m in bundled_migrations()]
    assert settings.db_path.exists()


def test_opening_an_older_store_upgrades_it(settings: Settings) -> None:
    migrations = bundled_migrations()
    assert migrations, "the package ships migrations"
    with Store.open(settings, migrations=migrations[:1]) as old:
        assert old.applied_versions() == [migrations[0].version]
        old.conn.execute(
            "INSERT INTO register_versions (list, format, content_hash, files,"
            " file_sha256, ingested_at, entity_count, record_count, statement_count)"
            " VALUES ('un', 'un-xml', 'h', ['f'], 's', now(), 0, 0, 0)"
        )
    extra = Migration(9999, "test_extra", "CREATE TABLE test_extra (x INTEGER);")
    with Store.open(settings, migrations=[*migrations, extra]) as new:
        assert new.applied_versions() == [*(m.version for m in migrations), 9999]
        assert new.conn.execute("SELECT count(*) FROM register_versions").fetchone() == (1,)
    with Store.open(settings) as again:  # idempotent: nothing applied twice
        assert 9999 in again.applied_versions()


def test_failed_migration_is_rolled_back(settings: Settings) -> None:
    bad = Migration(9998, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM missing;")
    with pytest.raises(StoreError, match="9998_broken"):
        Store.open(settings, migrations=[*bundled_migrations(), bad])
    with Store.open(settings) as store:
        assert 9998 not in store.applied_versions()
        with pytest.raises(duckdb.CatalogException):
            store.conn.execute("SELECT * FROM half")


def test_read_only_store_must_exist(settings: Settings) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store.open(settings, read_only=True)

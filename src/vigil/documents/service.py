"""The one library call behind ``vigil docs scan``: open the store, load the matcher, scan."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vigil.documents.cache import load_matcher
from vigil.documents.document import DocumentScan, ScanFailure, scan_paths
from vigil.documents.errors import EmptyRegisterError
from vigil.documents.store import save_scan
from vigil.settings import Settings
from vigil.store import Store


def scan_and_store(
    paths: Sequence[Path],
    *,
    lists: Sequence[str] | None = None,
    encoding: str | None = None,
    save: bool = True,
    settings: Settings | None = None,
) -> list[DocumentScan | ScanFailure]:
    """Scan files against the store's current register; store scans and findings if ``save``."""
    settings = settings or Settings.from_env()
    with Store.open(settings) as store:
        matcher = load_matcher(settings, store, lists or None)
        if not matcher.records:
            raise EmptyRegisterError(
                f"the register in {settings.db_path} is empty; load lists with `vigil register`"
            )
        results = scan_paths(paths, matcher, encoding)
        if save:
            for result in results:
                if isinstance(result, DocumentScan):
                    save_scan(store, result)
    return results

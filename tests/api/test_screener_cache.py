"""The API's screener cache: built once and warmed, checked against the register now and then."""

from __future__ import annotations

import threading
import time

import pytest

from vigil.api import screening
from vigil.api.screening import ScreenerCache
from vigil.register.versions import current_versions
from vigil.store import Store


def test_the_screener_is_warmed_when_built(api_store: Store) -> None:
    assert ScreenerCache().get(api_store).warmed  # forms built and frozen before any query


def test_requests_waiting_on_a_check_take_its_answer(
    api_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ScreenerCache(check_every_s=0.05)
    built = cache.get(api_store)
    checks: list[float] = []

    def slow_versions(store: Store) -> object:
        checks.append(time.monotonic())
        time.sleep(0.2)
        return current_versions(store)

    monkeypatch.setattr(screening, "current_versions", slow_versions)
    time.sleep(0.1)  # stale now: the next requests all find it due for a check
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(cache.get(api_store)))
               for _ in range(4)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checks) == 1  # one looked at the register; the others waited for its answer
    assert found == [built] * 4

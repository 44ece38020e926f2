"""The token bucket: bursts, refill and per-client separation."""

from __future__ import annotations

import pytest

from vigil.api.limits import TokenBucket, client_key


@pytest.mark.parametrize(
    ("rate", "burst", "times", "allowed"),
    [
        (1.0, 2, [0.0, 0.0, 0.0], [True, True, False]),
        (1.0, 2, [0.0, 0.0, 0.0, 1.0], [True, True, False, True]),
        (10.0, 1, [0.0, 0.05, 0.1, 0.2], [True, False, True, True]),
    ],
)
def test_bucket(rate: float, burst: int, times: list[float], allowed: list[bool]) -> None:
    bucket = TokenBucket(rate, burst)
    assert [bucket.take("a", t) == 0.0 for t in times] == allowed


def test_clients_have_their_own_buckets() -> None:
    bucket = TokenBucket(0.1, 1)
    assert bucket.take("a", 0.0) == 0.0 and bucket.take("b", 0.0) == 0.0
    assert bucket.take("a", 0.0) > 0


@pytest.mark.parametrize(
    ("headers", "client", "key"),
    [([], ("1.2.3.4", 5), "addr:1.2.3.4"),
     ([(b"authorization", b"Bearer vgl_abc123_secret")], ("1.2.3.4", 5), "token:abc123"),
     ([], None, "addr:unknown")],
)  # fmt: skip
def test_client_key(headers: list[tuple[bytes, bytes]], client: object, key: str) -> None:
    assert client_key({"headers": headers, "client": client}) == key

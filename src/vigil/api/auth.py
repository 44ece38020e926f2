"""API tokens: created by ``vigil api token create``, stored only as salted scrypt hashes.

A token reads ``vgl_<id>_<secret>``: the id finds the row, the secret is checked against the
stored hash in constant time. Roles: ``reader`` may read when reading needs a token,
``analyst`` may also review findings and edit cases, ``admin`` may do everything.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from vigil.errors import ConfigError
from vigil.findings.review import audit
from vigil.store import Store

ROLES: Final = ("reader", "analyst", "admin")
WRITE_ROLES: Final = frozenset({"analyst", "admin"})
PREFIX: Final = "vgl"
# scrypt cost: n=2**14, r=8, p=1 (about 16 MB, ~20 ms); checks are cached per process.
SCRYPT_N: Final = 2**14


@dataclass(frozen=True)
class Principal:
    """Who is calling: a token's id, name and role (or the anonymous reader)."""

    token_id: str
    name: str
    role: str

    @property
    def can_write(self) -> bool:
        """Whether this caller may change reviews and cases."""
        return self.role in WRITE_ROLES


ANONYMOUS: Final = Principal("anonymous", "anonymous", "anonymous")


def _hash(secret: str, salt: str) -> str:
    return hashlib.scrypt(
        secret.encode(), salt=bytes.fromhex(salt), n=SCRYPT_N, r=8, p=1, dklen=32
    ).hex()


def create_token(store: Store, role: str, name: str, actor: str = "cli") -> tuple[Principal, str]:
    """Make a token with ``role``; returns it and the clear token (shown once, never stored)."""
    if role not in ROLES:
        raise ConfigError(f"--role must be one of {list(ROLES)}, not {role!r}")
    token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [token_id, name, role, salt, _hash(secret, salt), datetime.now(UTC)],
        )
        audit(conn, actor, "token_create", token_id, {"name": name, "role": role})
    return Principal(token_id, name, role), f"{PREFIX}_{token_id}_{secret}"


def revoke_token(store: Store, token_id: str, actor: str = "cli") -> bool:
    """Revoke a token; returns whether a live token was revoked."""
    with store.transaction() as conn:
        row = conn.execute(
            "UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL"
            " RETURNING token_id",
            [datetime.now(UTC), token_id],
        ).fetchone()
        if row is not None:
            audit(conn, actor, "token_revoke", token_id, {})
    return row is not None


def list_tokens(store: Store) -> list[dict[str, object]]:
    """Every token's id, name, role and dates (never the hash)."""
    rows = store.conn.execute(
        "SELECT token_id, name, role, CAST(created_at AS VARCHAR), CAST(revoked_at AS VARCHAR)"
        " FROM api_tokens ORDER BY created_at"
    ).fetchall()
    keys = ("id", "name", "role", "created_at", "revoked_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]


class TokenChecker:
    """Checks presented tokens against the store, remembering verified ones for a while."""

    def __init__(self, cache_s: float = 60.0) -> None:
        self.cache_s = cache_s
        self._ok: dict[str, tuple[Principal, float]] = {}

    def check(self, store: Store, token: str, now_s: float) -> Principal | None:
        """The principal of a valid, unrevoked token, else ``None``."""
        cached = self._ok.get(token)
        if cached is not None and now_s - cached[1] < self.cache_s:
            return cached[0]
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        row = store.conn.execute(
            "SELECT name, role, salt, token_hash FROM api_tokens"
            " WHERE token_id = ? AND revoked_at IS NULL",
            [parts[1]],
        ).fetchone()
        if row is None or not hmac.compare_digest(_hash(parts[2], row[2]), row[3]):
            return None
        principal = Principal(parts[1], row[0], row[1])
        self._ok[token] = (principal, now_s)
        return principal

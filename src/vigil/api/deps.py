"""Typed, reusable dependencies: the app state, a store cursor per request, and the caller."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from vigil.api.auth import ANONYMOUS, Principal, TokenChecker
from vigil.api.screening import ScreenerCache
from vigil.run.config import VigilConfig
from vigil.settings import Settings
from vigil.store import Store


@dataclass
class AppState:
    """What every request shares: settings, configuration, the store and caches."""

    settings: Settings
    config: VigilConfig
    store: Store
    screeners: ScreenerCache
    tokens: TokenChecker
    # Set in /match worker processes (vigil.api.workers), which must not touch the store:
    # tokens are then verified by the process that owns it.
    verify: Callable[[str], Principal | None] | None = None


async def get_state(request: Request) -> AppState:
    """The application's state."""
    state: AppState = request.app.state.vigil
    return state


StateDep = Annotated[AppState, Depends(get_state)]


def get_store(state: StateDep) -> Iterator[Store]:
    """A cursor of the store for this request (DuckDB cursors may run in parallel threads)."""
    with with_cursor(state) as store:
        yield store


StoreDep = Annotated[Store, Depends(get_store)]


def with_cursor(state: AppState) -> Store:
    """A store over a new cursor (close it with ``.close()``)."""
    return Store(state.store.conn.cursor(), state.store.path)


def _principal(request: Request, state: AppState) -> Principal | None:
    return principal_of(request.headers.get("authorization", ""), state)


def principal_of(header: str, state: AppState) -> Principal | None:
    """The caller of an ``Authorization`` header (``None`` without one; 401 if invalid)."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    found = None
    if scheme.lower() == "bearer" and token and state.verify is not None:
        found = state.verify(token.strip())
    elif scheme.lower() == "bearer" and token:
        with with_cursor(state) as store:  # verified tokens are cached: this is rare
            found = state.tokens.check(store, token.strip(), time.monotonic())
    if found is None:
        raise HTTPException(401, "invalid or revoked token", {"WWW-Authenticate": "Bearer"})
    return found


# The callers are async (no thread hop): they touch the store only for a token not yet verified.
async def reader(request: Request, state: StateDep) -> Principal:
    """The caller, if reading is allowed to them (open, or any valid token by config)."""
    found = _principal(request, state)
    if found is None and state.config.api.read_requires_token:
        raise HTTPException(401, "reading needs a token", {"WWW-Authenticate": "Bearer"})
    return found or ANONYMOUS


async def writer(request: Request, state: StateDep) -> Principal:
    """The caller, who must hold a token with the analyst or admin role."""
    found = _principal(request, state)
    if found is None:
        raise HTTPException(401, "writing needs a token", {"WWW-Authenticate": "Bearer"})
    if not found.can_write:
        raise HTTPException(403, f"role {found.role!r} may not write; analyst or admin may")
    return found


ReaderDep = Annotated[Principal, Depends(reader)]
WriterDep = Annotated[Principal, Depends(writer)]

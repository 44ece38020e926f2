"""The FastAPI application: routers, error mapping, limits, and the web UI's static files.

>>> app = create_app(settings, load_config(settings))   # then: uvicorn.run(app)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from vigil import __version__
from vigil.ais.errors import UnknownVesselError
from vigil.api.auth import TokenChecker
from vigil.api.deps import AppState
from vigil.api.fastmatch import FastMatch
from vigil.api.limits import ASGIApp, LimitsMiddleware, TokenBucket
from vigil.api.routers import (
    caps,
    clusters,
    documents,
    findings,
    layers,
    match,
    register,
    review,
    vessels,
)  # fmt: skip
from vigil.api.screening import ScreenerCache
from vigil.errors import VigilError
from vigil.findings.cases import UnknownCaseError
from vigil.findings.errors import UnknownFindingError
from vigil.findings.review import ReviewError
from vigil.register.errors import UnknownVersionError
from vigil.run.config import VigilConfig
from vigil.screening.errors import QueryError, UnknownAlgorithmError
from vigil.settings import Settings
from vigil.store import Store

# Vigil's errors -> HTTP status; the message (naming the value) becomes the detail.
ERROR_STATUS: Final[tuple[tuple[type[VigilError], int], ...]] = (
    (UnknownFindingError, 404), (UnknownCaseError, 404), (UnknownVersionError, 404),
    (UnknownVesselError, 404), (QueryError, 422), (UnknownAlgorithmError, 422),
    (ReviewError, 422),
)  # fmt: skip
DESCRIPTION: Final = """Vigil's API: screening compatible with yente's `/match`, the register,
vessels and their tracks, findings (JSON and GeoJSON) and their review. Reading is open or needs
a token, by configuration; every write needs a token with the analyst or admin role
(`Authorization: Bearer vgl_...`, created with `vigil api token create`)."""


def static_dir() -> Path:
    """The web UI's packaged static files."""
    return Path(str(resources.files("vigil.web").joinpath("static")))


async def vigil_error(request: Request, exc: Exception) -> JSONResponse:
    """A Vigil error as JSON with the status of its class (500 for unexpected ones)."""
    status = next((code for cls, code in ERROR_STATUS if isinstance(exc, cls)), 500)
    if status == 422:  # FastAPI's validation shape, so one schema describes every 422
        detail = [{"loc": ["body"], "msg": str(exc), "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=status)
    return JSONResponse({"detail": str(exc)}, status_code=status)


def create_app(
    settings: Settings, config: VigilConfig, store: Store | None = None, *, edge: bool = True
) -> FastAPI:
    """The application over ``store`` (default: the settings' store, opened read-write).

    With ``edge=False`` the limits and the /match fast path are left out, for a server that
    puts them in front of the whole app (:func:`with_edge`).
    """
    opened = store or Store.open(settings)
    app = FastAPI(title="Vigil", version=__version__, description=DESCRIPTION)
    app.state.vigil = AppState(settings, config, opened, ScreenerCache(), TokenChecker())
    app.add_exception_handler(VigilError, vigil_error)
    # clusters before findings: /findings/clusters is not a finding id
    for module in (layers, match, register, vessels, clusters, findings, review, caps, documents):
        app.include_router(module.router)
    web = static_dir()
    app.mount("/static", StaticFiles(directory=web), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html")

    if edge:
        # well-formed /match requests skip FastAPI's machinery (the limits, added last, run first)
        app.add_middleware(FastMatch, state=app.state.vigil)
        app.add_middleware(LimitsMiddleware, **limits_of(config))
    return app


def limits_of(config: VigilConfig) -> dict[str, Any]:
    """The limits middleware's arguments: each of the N processes (vigil.api.workers) takes
    its share of the configured rate."""
    api = config.api
    bucket = TokenBucket(api.rate_per_second / api.workers, max(1, api.rate_burst // api.workers))
    return {"max_body_bytes": api.max_body_bytes, "bucket": bucket}


def with_edge(app: FastAPI) -> ASGIApp:
    """``app`` (made with ``edge=False``) behind the limits and the /match fast path, outside
    FastAPI's own middleware: a fast /match then skips FastAPI's and Starlette's layers too
    (telemetry checks, error and body-limit wrappers), not only the routing."""
    state: AppState = app.state.vigil
    return LimitsMiddleware(FastMatch(app, state), **limits_of(state.config))


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory vigil.api.app:app_from_env`` (settings from VIGIL_*)."""
    from vigil.run.config import load_config
    from vigil.settings import get_settings

    settings = get_settings()
    return create_app(settings, load_config(settings))

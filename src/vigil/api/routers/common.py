"""Declared error responses shared by the routers."""

from __future__ import annotations

from typing import Any

from vigil.api.models import ErrorResponse

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Unknown id"}
}
BAD_INPUT: dict[int | str, dict[str, Any]] = {
    422: {"description": "Malformed request; the detail names the field and the reason"}
}
AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No valid token"},
    403: {"model": ErrorResponse, "description": "The token's role may not do this"},
}
LIMITS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "Body too large"},
    429: {"model": ErrorResponse, "description": "Rate limit exceeded"},
}


def unprocessable(where: tuple[str, ...], message: str, value: object = None) -> Exception:
    """A 422 in FastAPI's own validation format (``detail`` lists the location and reason)."""
    from fastapi.exceptions import RequestValidationError

    return RequestValidationError([{"loc": where, "msg": message, "type": "value_error",
                                    "input": value}])  # fmt: skip

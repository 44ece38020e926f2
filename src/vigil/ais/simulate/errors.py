"""Errors of the scenario simulator."""

from __future__ import annotations

from vigil.errors import ConfigError, VigilError


class SimulateError(VigilError):
    """Base class of the simulator's errors."""


class ScenarioError(SimulateError, ConfigError):
    """A scenario name or option is invalid; the message names the option and value."""

    exit_code = 2


class RouteError(SimulateError):
    """No sea route joins two points."""

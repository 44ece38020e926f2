"""The HTTP API (FastAPI) and the web UI it serves: screening, register, vessels, findings."""

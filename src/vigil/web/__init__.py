"""The web UI: static HTML, JS and CSS served by the API (``vigil serve``)."""

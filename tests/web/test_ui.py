"""The web UI in headless Chromium (Debian's package, driven by Playwright for Python): load the
map, filter the findings, open a vessel, confirm a finding."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.api.seed import DARK_MMSI, seed_store
from vigil.api.app import create_app
from vigil.api.auth import create_token
from vigil.findings.review import get_review
from vigil.report.pdf import find_chromium
from vigil.run.config import VigilConfig
from vigil.settings import Settings
from vigil.store import Store

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (CI installs it)"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The app on a free loopback port, over a seeded store, with an analyst token."""
    settings = Settings(home=tmp_path_factory.mktemp("web"), progress="never")
    store = Store.open(settings)
    findings = seed_store(store, with_register=False)
    _, token = create_token(store, "analyst", "alice")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, VigilConfig(), store),
                                           host="127.0.0.1", port=port, log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}/", "token": token, "store": store, "findings": findings}
    server.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser(served: dict[str, Any]) -> Iterator[Any]:
    """Chromium with the project's flags; Playwright gives it a fresh, throw-away profile."""
    with playwright.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, served: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    requests: list[str] = []
    opened.on("request", lambda r: requests.append(r.url))
    opened.goto(served["url"])
    opened.wait_for_selector("body[data-ready='1']", timeout=20_000)
    yield opened
    assert all(u.startswith(served["url"]) for u in requests), "the UI must stay offline"
    context.close()


def test_map_loads_basemap_places_and_findings(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('#filter-count').textContent.includes('in view')"
    )
    layers = page.evaluate(
        "[map.layers.land.length, map.layers.places.length, map.layers.findings.length]"
    )
    assert layers[0] > 10 and layers[1] == 10 and layers[2] == 3
    assert page.evaluate("map.hits.length") >= 3  # findings drawn where they can be clicked


def test_map_draws_clusters_over_its_points_limit(page: Any) -> None:
    page.wait_for_function(
        "document.querySelector('#filter-count').textContent.includes('in view')"
    )
    page.evaluate("map.pointsLimit = 2; loadMapFindings()")
    page.wait_for_function("map.layers.clusters.length > 0")
    assert page.evaluate("map.layers.findings.length") == 0
    assert page.evaluate("map.layers.clusters.reduce((n, f) => n + f.properties.count, 0)") == 3
    assert "clusters" in page.text_content("#filter-count")
    before = page.evaluate("map.degPerPx")
    page.evaluate("showFinding(map.layers.clusters[0])")  # a click on a cluster zooms into it
    assert page.evaluate("map.degPerPx") < before


@pytest.mark.parametrize(("kind", "rows"), [("", 4), ("encounter", 1), ("ais_gap", 1)])
def test_filtering_the_findings(page: Any, kind: str, rows: int) -> None:
    page.click("a[href='#/findings']")
    page.select_option("#kind-filter", kind)
    page.wait_for_function(  # the rows and the page count come from the same response
        f"document.querySelectorAll('#findings-table tbody tr').length === {rows}"
        f" && document.querySelector('#page-info').textContent.endsWith('of {rows}')"
    )
    assert page.text_content("#page-info").endswith(f"of {rows}")


def test_a_late_answer_to_an_older_filter_does_not_replace_a_newer_one(page: Any) -> None:
    # the unfiltered list's answer is held back until after the filtered one has arrived
    page.evaluate(
        """() => {
        const fetchNow = window.fetch;
        window.fetch = async (url, options) => {
          const response = await fetchNow(url, options);
          if (String(url).startsWith("/findings?") && !String(url).includes("kind=")) {
            await new Promise((done) => setTimeout(done, 1500));
            window.heldBack = (window.heldBack || 0) + 1;
          }
          return response;
        };
      }"""
    )
    page.click("a[href='#/findings']")
    page.select_option("#kind-filter", "encounter")
    page.wait_for_function("document.querySelector('#page-info').textContent.endsWith('of 1')")
    page.wait_for_function("window.heldBack >= 1")  # the older answer is being handed over
    page.wait_for_timeout(300)  # ... and would be drawn by now
    assert page.locator("#findings-table tbody tr").count() == 1
    assert page.text_content("#page-info").endswith("of 1")


def test_opening_a_vessel(page: Any) -> None:
    page.click("a[href='#/findings']")
    page.click(f"#findings-table a.vessel-link[href='#/vessel/{DARK_MMSI}'] >> nth=0")
    heading = page.wait_for_selector("#page-vessel h2").text_content()
    assert str(DARK_MMSI) in heading and "RYE SONG GANG 1 / SEA STAR" in heading
    assert page.locator("#vessel-findings tr").count() == 3
    assert page.locator("#page-vessel svg.timeline rect").count() == 3  # two names, one IMO


def test_confirming_a_finding(page: Any, served: dict[str, Any]) -> None:
    encounter = served["findings"][0]
    page.fill("#token", served["token"])
    page.click("a[href='#/findings']")
    row = f"#findings-table tr[data-id='{encounter.id}']"
    page.click(f"{row} .btn-confirm")
    page.wait_for_selector(f"{row} .status-confirmed")
    review = get_review(served["store"], encounter.id)
    assert review is not None and (review.status, review.reviewer) == ("confirmed", "alice")


def test_confirming_without_a_token_is_refused(page: Any, served: dict[str, Any]) -> None:
    gap = served["findings"][1]
    page.click("a[href='#/findings']")
    page.click(f"#findings-table tr[data-id='{gap.id}'] .btn-confirm")
    page.wait_for_function("document.querySelector('#message').textContent.startsWith('401')")
    assert get_review(served["store"], gap.id) is None


def test_screening_box(page: Any) -> None:
    page.click("a[href='#/screen']")
    page.fill("#screen-name", "Kim Jong Un")
    page.click("#screen-form button")
    page.wait_for_selector("#screen-results tr")
    assert page.locator("#screen-results tr").count() >= 1


def test_static_files_are_packaged() -> None:
    from vigil.api.app import static_dir

    names = {p.name for p in Path(static_dir()).iterdir()}
    assert {"index.html", "app.js", "map.js", "style.css"} <= names

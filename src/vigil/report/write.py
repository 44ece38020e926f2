"""Write the report files: ``report.html`` and, when asked or possible, ``report.pdf``."""

from __future__ import annotations

from pathlib import Path

from vigil.report.gather import gather
from vigil.report.pdf import find_chromium, print_pdf
from vigil.report.render import ReportFiles, render_html
from vigil.run.config import ReportConfig
from vigil.store import Store


def write_report(store: Store, config: ReportConfig, out: Path | None = None) -> ReportFiles:
    """Render the report into ``out`` (default: ``config.out``); PDF per ``config.pdf``."""
    folder = out or config.out
    folder.mkdir(parents=True, exist_ok=True)
    data = gather(store, config.title, config.confirmed_only)
    html = folder / "report.html"
    html.write_text(render_html(store, data, config.max_findings_per_chapter), "utf-8")
    pdf = None
    if config.pdf == "always" or (config.pdf == "auto" and find_chromium()):
        pdf = print_pdf(html, folder / "report.pdf")
    return ReportFiles(html, pdf, len(data.findings))

"""Write the report files: ``report.html`` and, when asked or possible, ``report.pdf``."""

from __future__ import annotations

from pathlib import Path

from vigil.report.gather import gather
from vigil.report.pdf import PdfError, find_chromium, print_pdf
from vigil.report.render import ReportFiles, render_html
from vigil.run.config import ReportConfig
from vigil.store import Store


def write_report(store: Store, config: ReportConfig, out: Path | None = None) -> ReportFiles:
    """Render the report into ``out`` (default: ``config.out``, else ``report`` beside the store);
    PDF per ``config.pdf``."""
    folder = out or config.out or (store.path.parent if store.path else Path.cwd()) / "report"
    folder.mkdir(parents=True, exist_ok=True)
    data = gather(store, config.title, config.confirmed_only)
    html = folder / "report.html"
    html.write_text(render_html(store, data, config.max_findings_per_chapter), "utf-8")
    pdf, problem = None, None
    if config.pdf == "always":
        pdf = print_pdf(html, folder / "report.pdf")
    elif config.pdf == "auto" and find_chromium():
        try:
            pdf = print_pdf(html, folder / "report.pdf")
        except PdfError as exc:  # "auto" asks for a PDF only if one can be made
            problem = str(exc)
    return ReportFiles(html, pdf, len(data.findings), problem)

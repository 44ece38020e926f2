"""Print the HTML report to PDF with headless Chromium, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from vigil.errors import VigilError

CANDIDATES: Final = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS: Final = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-pdf-header-footer")  # fmt: skip
TIMEOUT_S: Final = 180


class PdfError(VigilError):
    """Chromium is missing or failed to print the report."""


def find_chromium() -> str | None:
    """The Chromium executable, if any."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: Path, pdf: Path, chromium: str | None = None) -> Path:
    """Print ``html`` to ``pdf`` with a fresh, throw-away browser profile."""
    exe = chromium or find_chromium()
    if exe is None:
        raise PdfError("no chromium found to print the PDF (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="vigil-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf.resolve()}",
               html.resolve().as_uri()]  # fmt: skip
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"chromium did not print {html} within {TIMEOUT_S} s") from exc
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfError(f"chromium failed to print {html}: {done.stderr.strip()[-300:]}")
    return pdf

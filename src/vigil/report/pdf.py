"""Print the HTML report to PDF with headless Chromium, when it is installed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from vigil.errors import VigilError

CANDIDATES: Final = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS: Final = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-pdf-header-footer")  # fmt: skip
TIMEOUT_S: Final = 120


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
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="vigil-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf.resolve()}",
               html.resolve().as_uri()]  # fmt: skip
        log = Path(profile) / "chromium.log"
        with log.open("wb") as sink:
            # its own session, so that on a timeout the whole process group can be ended
            proc = subprocess.Popen(cmd, stdout=sink, stderr=sink, start_new_session=True)
            try:
                code = proc.wait(TIMEOUT_S)
            except subprocess.TimeoutExpired as exc:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise PdfError(f"chromium did not print {html} within {TIMEOUT_S} s") from exc
        tail = log.read_text("utf-8", errors="replace").strip()[-300:]
    if code != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise PdfError(f"chromium failed to print {html} (exit {code}): {tail}")
    return pdf

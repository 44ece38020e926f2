"""``vigil docs``: scan documents for designated people, companies, ships and identifiers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.console import print_error, print_json, print_table

app = typer.Typer(no_args_is_help=True, help="Find designated names and identifiers in documents.")


@app.command("scan")
def scan_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Text, HTML or PDF files.")],
    lists: Annotated[list[str] | None, typer.Option("--list", help="Only these lists.")] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default: detect).")] = None,
    save: Annotated[bool, typer.Option(help="Store the scans and their findings.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Scan documents against the register; each document with mentions gets one finding."""
    from vigil.documents.document import DocumentScan, ScanFailure
    from vigil.documents.errors import UnscannedDocumentsError
    from vigil.documents.service import scan_and_store

    results = scan_and_store(paths, lists=lists, encoding=encoding, save=save)
    failures = [r for r in results if isinstance(r, ScanFailure)]
    scans = [r for r in results if isinstance(r, DocumentScan)]
    if as_json:
        print_json(
            {
                "documents": [s.to_dict() for s in scans],
                "failures": [{"path": f.path, "message": f.message} for f in failures],
            }
        )
    else:
        rows = [
            (Path(s.info.path).name, m.start, m.end, m.kind, m.text, m.caption, f"{m.score:.2f}")
            for s in scans
            for m in s.mentions
        ]
        print_table("Mentions", ["file", "start", "end", "kind", "text", "entry", "score"], rows)
        for failure in failures:
            print_error(failure.message)
    if failures:
        raise UnscannedDocumentsError(f"{len(failures)} of {len(results)} documents not scanned")

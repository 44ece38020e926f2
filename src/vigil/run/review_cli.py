"""``vigil review`` (verdicts on findings, the audit log) and ``vigil cases`` (groups of findings)."""

from __future__ import annotations

from typing import Annotated

import typer

from vigil.console import out, print_json, print_table

review_app = typer.Typer(no_args_is_help=True, help="Review findings; every change is audited.")
cases_app = typer.Typer(no_args_is_help=True, help="Group findings into cases.")
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ByOpt = Annotated[str, typer.Option("--by", help="who is making the change")]


@review_app.command("set")
def review_set(
    finding_id: str,
    status: Annotated[str, typer.Argument(help="confirmed, dismissed or needs-info")],
    by: ByOpt,
    note: Annotated[str, typer.Option(help="why")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Mark a finding confirmed, dismissed or needs-info."""
    from vigil.findings.review import set_review
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        review = set_review(store, finding_id, status, note, by)
    print_json(review.to_dict()) if as_json else out.print(f"{finding_id}: {status} ({by})")


@review_app.command("log")
def review_log(
    target: Annotated[str | None, typer.Option(help="only changes to this id")] = None,
    limit: Annotated[int, typer.Option(help="at most this many")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """The audit log, newest first: who changed what and when."""
    from vigil.findings.review import audit_log
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        entries = audit_log(store, target, limit)
    if as_json:
        print_json(entries)
        return
    print_table("Audit log", ["when", "who", "action", "target", "detail"],
                [(e["at"], e["actor"], e["action"], e["target"], str(e["detail"]))
                 for e in entries])  # fmt: skip


@cases_app.command("create")
def cases_create(
    title: str,
    by: ByOpt,
    description: Annotated[str, typer.Option()] = "",
    as_json: JsonOpt = False,
) -> None:
    """Open a case."""
    from vigil.findings.cases import create_case
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        case = create_case(store, title, description, by)
    print_json(case.to_dict()) if as_json else out.print(f"{case.case_id}: {title}")


@cases_app.command("add")
def cases_add(case_id: str, finding_ids: list[str], by: ByOpt, as_json: JsonOpt = False) -> None:
    """Add findings to a case."""
    from vigil.findings.cases import add_findings
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        case = add_findings(store, case_id, finding_ids, by)
    print_json(case.to_dict()) if as_json else out.print(
        f"{case_id}: {len(case.finding_ids)} findings"
    )


@cases_app.command("list")
def cases_list(as_json: JsonOpt = False) -> None:
    """List cases."""
    from vigil.findings.cases import list_cases
    from vigil.settings import get_settings
    from vigil.store import Store

    with Store.open(get_settings()) as store:
        found = [c.to_dict() for c in list_cases(store)]
    if as_json:
        print_json(found)
        return
    print_table("Cases", ["id", "title", "findings", "created by"],
                [(c["id"], c["title"], len(c["finding_ids"]), c["created_by"]) for c in found])  # fmt: skip

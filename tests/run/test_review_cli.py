"""The review, cases, api token and report commands, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.seed import seed_store
from tests.cli_runner import run_cli
from vigil.settings import Settings
from vigil.store import Store


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    with Store.open(Settings(home=tmp_path)) as store:
        return [f.id for f in seed_store(store, with_register=False)]


def test_review_cases_and_audit(capsys: pytest.CaptureFixture[str], home: list[str]) -> None:
    done = run_cli(capsys, "review", "set", home[0], "confirmed", "--by", "alice", "--json")
    assert done.code == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "confirmed"
    bad = run_cli(capsys, "review", "set", home[0], "maybe", "--by", "alice")
    assert bad.code != 0 and "maybe" in bad.stderr
    missing = run_cli(capsys, "review", "set", "nope", "confirmed", "--by", "alice")
    assert missing.code != 0 and "nope" in missing.stderr
    case = json.loads(
        run_cli(capsys, "cases", "create", "Korea Bay", "--by", "bob", "--json").stdout
    )
    added = run_cli(capsys, "cases", "add", case["id"], *home[:2], "--by", "bob", "--json")
    assert json.loads(added.stdout)["finding_ids"] == sorted(home[:2])
    log = json.loads(run_cli(capsys, "review", "log", "--json").stdout)
    assert [(e["action"], e["actor"]) for e in log] == [
        ("case_add", "bob"), ("case_create", "bob"), ("review", "alice")]  # fmt: skip


def test_token_create_list_revoke(capsys: pytest.CaptureFixture[str], home: list[str]) -> None:
    made = json.loads(run_cli(capsys, "api", "token", "create", "--role", "admin", "--json").stdout)
    assert made["token"].startswith(f"vgl_{made['id']}_")
    listed = json.loads(run_cli(capsys, "api", "token", "list", "--json").stdout)
    assert [t["role"] for t in listed] == ["admin"] and "token" not in listed[0]
    assert run_cli(capsys, "api", "token", "revoke", made["id"]).code == 0
    assert run_cli(capsys, "api", "token", "revoke", made["id"]).code != 0
    assert run_cli(capsys, "api", "token", "create", "--role", "boss").code == 2


def test_report_command(
    capsys: pytest.CaptureFixture[str], home: list[str], tmp_path: Path
) -> None:
    done = run_cli(capsys, "report", "--out", str(tmp_path / "r"), "--pdf", "never", "--json")
    assert done.code == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["findings"] == 4 and Path(result["html"]).is_file() and result["pdf"] is None


def test_run_reports_an_invalid_config(
    capsys: pytest.CaptureFixture[str], home: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[api]\nmax_body_bytes = 10\n")
    done = run_cli(capsys, "run", "--config", str(bad))
    assert done.code == 2 and "api.max_body_bytes" in done.stderr

"""``register diff`` is exact: an edited copy of the UN list yields exactly the edits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.cli_runner import run_cli
from tests.data import UN_XML

from vigil.register.diff import diff
from vigil.register.errors import RegisterError
from vigil.register.ingest import ingest
from vigil.store import Store


def edited_copy(tmp_path: Path) -> Path:
    text = UN_XML.read_text("utf-8")
    # 1. remove the whole record KPi.002 (RI JE-SON)
    start = text.rindex("<INDIVIDUAL>", 0, text.index("<REFERENCE_NUMBER>KPi.002<"))
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    text = text[:start] + text[end:]
    # 2. add an alias to KPi.001 (YUN HO-JIN)
    anchor = "<ALIAS_NAME>Yun Ho-chin</ALIAS_NAME>\n      </INDIVIDUAL_ALIAS>"
    assert text.count(anchor) == 1
    alias = "\n      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Yun Ho Jin</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    text = text.replace(anchor, anchor + alias)
    # 3. change the date of birth of KPi.001
    assert text.count("<DATE>1944-10-13</DATE>") == 1
    text = text.replace("<DATE>1944-10-13</DATE>", "<DATE>1944-10-14</DATE>")
    path = tmp_path / "un_edited.xml"
    path.write_text(text, "utf-8")
    return path


def test_diff_reports_exactly_the_edits(store: Store, tmp_path: Path) -> None:
    ingest(store, UN_XML)
    ingest(store, edited_copy(tmp_path))
    result = diff(store, "un").as_dict()
    assert result["summary"] == {"added": 0, "removed": 1, "changed": 1}
    assert result["removed"] == [
        {"record": "KPi.002", "entity_id": "un-kpi-002", "caption": "RI JE-SON"}
    ]
    (changed,) = result["changed"]
    assert changed["record"] == "KPi.001"
    assert changed["changes"] == [
        {"field": "Person.alias", "added": ["Yun Ho Jin"], "removed": []},
        {"field": "Person.birthDate", "added": ["1944-10-14"], "removed": ["1944-10-13"]},
    ]


def test_diff_of_identical_versions_is_empty(store: Store, tmp_path: Path) -> None:
    ingest(store, UN_XML)
    text = UN_XML.read_text("utf-8")
    # A new publication date alone is a new file but the same content: no new version.
    republished = tmp_path / "republished.xml"
    republished.write_text(
        re.sub(r'dateGenerated="[^"]+"', 'dateGenerated="2026-03-01T00:00:00Z"', text)
    )
    assert not ingest(store, republished).created
    with pytest.raises(RegisterError, match="diff needs two"):
        diff(store, "un")


def test_diff_by_version_ids_both_directions(store: Store, tmp_path: Path) -> None:
    ingest(store, UN_XML)
    ingest(store, edited_copy(tmp_path))
    backwards = diff(store, old_id=2, new_id=1).as_dict()
    assert backwards["summary"] == {"added": 1, "removed": 0, "changed": 1}
    assert backwards["added"][0]["record"] == "KPi.002"


def test_cli_diff_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path / "home"))
    for path in (UN_XML, edited_copy(tmp_path)):
        assert run_cli(capsys, "register", "ingest", str(path)).code == 0
    result = run_cli(capsys, "register", "diff", "--list", "un", "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"added": 0, "removed": 1, "changed": 1}
    text = run_cli(capsys, "register", "diff", "1", "2").stdout
    assert "- KPi.002" in text and "Person.birthDate: + 1944-10-14" in text

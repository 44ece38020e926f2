"""Scanning text against a small register: names, variants, identifiers and false alarms."""

from __future__ import annotations

import pytest

from vigil.documents import scan as scan_module
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.scan import scan_text

FOUND = [  # text, entity id, mentioned text
    ("Talks with Kim Jong Un began.", "ofac-20157", "Kim Jong Un"),
    ("Talks with Kim Jong-un began.", "ofac-20157", "Kim Jong-un"),
    ("Talks with Kim Jongun began.", "ofac-20157", "Kim Jongun"),
    ("Talks with Kim Chong Un began.", "ofac-20157", "Kim Chong Un"),
    ("김정은 위원장이 말했다.", "ofac-20157", "김정은"),
    ("He met Jong Un Kim in May.", "ofac-20157", "Jong Un Kim"),
    ("Лидер КНДР Ким Чен Ын заявил", "ofac-20157", "Ким Чен Ын"),  # informal Cyrillic
    ("Ким Чон Ын прибыл", "ofac-20157", "Ким Чон Ын"),
    ("Сестра Ким Ё Чжон сказала", "ofac-21444", "Ким Ё Чжон"),  # Kontsevich
    ("Министр Ри Чже Сон", "un-kpi-001", "Ри Чже Сон"),
    ("Machthaber Kim Dschong Un sagte", "ofac-20157", "Kim Dschong Un"),  # German
    ("Präsident Wladimir Putin sagte", "ofac-35096", "Wladimir Putin"),
    ("President Vladimir Putin said", "ofac-35096", "Vladimir Putin"),
    ("Президент Владимир Путин заявил", "ofac-35096", "Владимир Путин"),
    ("PUTIN, Vladimir Vladimirovich, DOB 1952", "ofac-35096", "PUTIN, Vladimir Vladimirovich"),
    ("Sprecherin Maria Sacharowa sagte", "ofac-37509", "Maria Sacharowa"),
    ("Die Sprecherin Maria Zakharova sagte", "ofac-37509", "Maria Zakharova"),
    ("Minister Lee Je-son visited", "un-kpi-001", "Lee Je-son"),
    ("Minister Ri Je Son visited", "un-kpi-001", "Ri Je Son"),
    ("Hacker Park Jin Hyok was charged", "ofac-25308", "Park Jin Hyok"),
    ("The Korea Mining Development Trading Corporation sold", "un-kpe-001",
     "Korea Mining Development Trading Corporation"),
    ("the tanker Chon Ma San was seen", "un-vessel-1", "Chon Ma San"),
    ("the yacht Graceful left Sochi", "ofac-37444", "Graceful"),
    ("vessel IMO 8660313 loaded", "un-vessel-1", "8660313"),
    ("transponder MMSI 445039000 went dark", "un-vessel-1", "445039000"),
    ("with call sign UBGV8 on AIS", "ofac-37444", "UBGV8"),
    ("sent to 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h today", "ofac-25308",
     "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
]  # fmt: skip

NOT_FOUND = [  # text, entity id that must not be mentioned
    ("Kim visited Seoul.", "ofac-20157"),  # a bare surname with no full mention before it
    ("Putin spoke.", "ofac-35096"),
    ("Zakharova sagte.", "ofac-37509"),
    ("Sprecherin Svetlana Zakharova sagte", "ofac-37509"),  # another given name
    ("kim jong un in lower case", "ofac-20157"),  # names are capitalised in cased scripts
    ("mining development and trading in Africa", "un-kpe-001"),
    ("The Korea Mining conference", "un-kpe-001"),  # not the distinctive parts together
    ("a graceful exit", "ofac-37444"),  # a common word, not capitalised
    ("vessel IMO 8660314 loaded", "un-vessel-1"),  # check digit fails
    ("the code UBGV8 on the list", "ofac-37444"),  # a call sign needs its context word
    ("Mr. Kim Chol attended", "un-kpi-099"),  # two common parts: not distinctive
    ("Kim Chol-min attended", "un-kpi-099"),
    ("Kim Jong Il died in 2011", "ofac-20157"),
    ("Ким Чен Ир умер в 2011 году", "ofac-20157"),
    ("Kim Dschong Il starb 2011", "ofac-20157"),
    ("Господин Ким Чхоль пришёл", "un-kpi-099"),  # two common parts, in Cyrillic too
    ("Ким Чен посетил", "ofac-20157"),
]


def _mentions(text: str, matcher: DocumentMatcher) -> dict[str, str]:
    return {m.entity_id: m.text for m in scan_text(text, matcher)}


@pytest.mark.parametrize(("text", "entity_id", "expected"), FOUND)
def test_found(small_matcher: DocumentMatcher, text: str, entity_id: str, expected: str) -> None:
    assert _mentions(text, small_matcher).get(entity_id) == expected


@pytest.mark.parametrize(("text", "entity_id"), NOT_FOUND)
def test_not_found(small_matcher: DocumentMatcher, text: str, entity_id: str) -> None:
    assert entity_id not in _mentions(text, small_matcher)


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("Wladimir Putin spoke. Later Putin left, and Putins plan failed.", ["Putin", "Putins"]),
        ("Kim Jong Un spoke. Kim Yo Jong listened. Then Kim left.", ["Kim"]),
        ("Maria Zakharova sagte. Zakharova fügte hinzu.", ["Zakharova"]),
    ],
)
def test_references_back(small_matcher: DocumentMatcher, text: str, references: list[str]) -> None:
    found = [m for m in scan_text(text, small_matcher) if m.kind == "reference"]
    assert [m.text for m in found] == references
    assert all(text[m.start : m.end] == m.text for m in found)


def test_reference_goes_to_the_latest_full_mention(small_matcher: DocumentMatcher) -> None:
    text = "Kim Jong Un spoke. Kim Yo Jong listened. Then Kim left."
    (reference,) = [m for m in scan_text(text, small_matcher) if m.kind == "reference"]
    assert reference.entity_id == "ofac-21444"


def test_mentions_explain_themselves(small_matcher: DocumentMatcher) -> None:
    (mention,) = scan_text("Präsident Wladimir Putin sagte", small_matcher)
    assert "wladimir~vladimir" in mention.explanation
    assert 0.7 <= mention.score < 1.0
    assert mention.snippet == "Präsident Wladimir Putin sagte"
    assert mention.lists == ("ofac",)


def test_chunks_keep_offsets(
    small_matcher: DocumentMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks: every mention is found once, at its offset in the whole text."""
    monkeypatch.setattr(scan_module, "CHUNK_CHARS", 50)
    monkeypatch.setattr(scan_module, "OVERLAP_CHARS", 30)
    sentence = "Es sprach Kim Jong Un mit Maria Zakharova über Schiffe. "
    text = sentence * 40
    found = scan_text(text, small_matcher)
    names = [m for m in found if m.kind == "name"]
    assert len(names) == 80
    assert all(text[m.start : m.end] == m.text for m in found)
    assert len({(m.entity_id, m.start) for m in found}) == len(found)


def test_empty_and_nameless_text(small_matcher: DocumentMatcher) -> None:
    assert scan_text("", small_matcher) == []
    assert scan_text("   \n\t ", small_matcher) == []
    assert scan_text("Nothing to see here.", small_matcher) == []

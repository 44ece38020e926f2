"""The German news article of 28 March 2024 on Russia's veto, against the real lists."""

from __future__ import annotations

import pytest

from vigil.documents.matcher import DocumentMatcher
from vigil.documents.scan import scan_text

from .conftest import ARTICLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mentions(full_matcher: DocumentMatcher) -> dict[str, list[tuple[str, str]]]:
    text = ARTICLE.read_text("utf-8")
    found: dict[str, list[tuple[str, str]]] = {}
    for m in scan_text(text, full_matcher):
        assert text[m.start : m.end] == m.text
        found.setdefault(m.entity_id, []).append((m.kind, m.text))
    return found


def test_finds_the_ofac_listed_people_in_german_spellings(
    mentions: dict[str, list[tuple[str, str]]],
) -> None:
    """The article names three OFAC-listed people:

    * ``Kim Jong Un`` = OFAC 20157 ``KIM, Jong Un`` (DPRK3), later ``Für Kim`` alone;
    * ``Präsident Wladimir Putin`` = OFAC 35096 ``PUTIN, Vladimir Vladimirovich``: German
      ``W`` for ``V``, given name first, no patronymic; later ``Putin`` alone, twice;
    * ``Maria Zakharova`` = OFAC 37509 ``ZAKHAROVA, Mariya Vladimirovna``: ``Maria`` for
      ``Mariya``; later ``Zakharova`` alone, four times.
    """
    assert ("name", "Kim Jong Un") in mentions["ofac-20157"]
    assert ("reference", "Kim") in mentions["ofac-20157"]
    assert ("name", "Wladimir Putin") in mentions["ofac-35096"]
    assert mentions["ofac-35096"].count(("reference", "Putin")) == 2
    assert ("name", "Maria Zakharova") in mentions["ofac-37509"]
    assert mentions["ofac-37509"].count(("reference", "Zakharova")) == 4


def test_does_not_flag_a_namesake(mentions: dict[str, list[tuple[str, str]]]) -> None:
    """OFAC 45992 ``ZAKHAROVA, Svetlana Nikolaevna`` shares only the surname with the
    spokeswoman. The bare ``Zakharova`` after ``Maria Zakharova`` refers back to Mariya, and
    no other listed Kim (``KIM, Yo Jong``, ``KIM JONG SIK``…) is taken from ``Kim Jong Un``."""
    assert "ofac-45992" not in mentions
    assert set(mentions) == {"ofac-20157", "ofac-35096", "ofac-37509"}

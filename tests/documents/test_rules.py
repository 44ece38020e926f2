"""False alarms: common words and names never make mentions on their own."""

from __future__ import annotations

import random
from importlib import resources

import pytest

from vigil.documents import verify
from vigil.documents.matcher import DocumentMatcher
from vigil.documents.scan import scan_text

pytestmark = pytest.mark.slow


def common_text(seed: int, words: int = 20_000) -> str:
    """Sentences of stop words and common name parts (the rules' own lists), capitalised
    as names are: the hardest ordinary text for a name matcher."""
    vocabulary = []
    for name in ("stopwords.txt", "common_names.txt"):
        data = resources.files("vigil.documents").joinpath(f"data/{name}").read_text("utf-8")
        for line in data.splitlines():
            if line and not line.startswith("#"):
                vocabulary.extend(line.partition(":")[2].split())
    rng = random.Random(seed)
    picked = [rng.choice(vocabulary).capitalize() for _ in range(words)]
    return " ".join(w + ("." if i % 12 == 11 else "") for i, w in enumerate(picked))


def test_common_words_and_names_make_few_mentions(full_matcher: DocumentMatcher) -> None:
    """At most one mention per 10,000 words of capitalised common words and names."""
    text = common_text(seed=8)
    found = scan_text(text, full_matcher)
    assert len(found) <= 2, [m.text for m in found]


def test_the_rules_are_what_keeps_them_few(
    full_matcher: DocumentMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the common-name rule the same text gives many more mentions."""
    text = common_text(seed=8)
    with_rules = len(scan_text(text, full_matcher))
    monkeypatch.setattr(verify, "covered", lambda record, match, reread=False: True)
    monkeypatch.setattr(full_matcher, "span_scores", {})  # verdicts remembered with the rules
    without = len(scan_text(text, full_matcher))
    assert without > 10 * max(with_rules, 1)

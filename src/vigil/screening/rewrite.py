"""Name-form rewrites and name features of ``vigil-v2`` (``vigil-v1`` does not use them).

* :func:`rewrite_form`: in names of organisations and vessels, a run of single letters is
  one initialism (``A.B.C.`` = ``ABC``) and number words are numbers (``Forty-Four`` = ``44``,
  ``First`` = ``1st`` = ``1``).
* :func:`acronym_match`: a one-word name that spells the initials of the other
  (``KOMID``, ``PLA`` = ``People's Liberation Army``).
* :func:`cjk_differs`: two names both written in Hangul or Chinese characters compare
  character by character: each character is a syllable, so a different character is a
  different name whatever the romanization (``김종은`` ≠ ``김정은``; MR writes both ``Jong``).
"""

from __future__ import annotations

import re
from typing import Final

from vigil.screening.features import Aligned, NameMatch
from vigil.screening.variants import NameForm, build_form, by_form, make_token

UNITS: Final = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}  # fmt: skip
TENS: Final = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}  # fmt: skip
TENS["fourty"] = 40  # a common misspelling
ORDINALS: Final = {w: i + 1 for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"])}  # fmt: skip
_ORDINAL_DIGITS: Final = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
SIM_ACRONYM: Final = 0.9  # a name spelling the other's initials
_CJK: Final = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff\u3400-\u4dbf]")


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    digits = _ORDINAL_DIGITS.match(token)
    if digits:
        return int(digits.group(1))
    return UNITS.get(token, TENS.get(token, ORDINALS.get(token)))


def _numbers(texts: list[str]) -> list[str]:
    """Number words as digits; a tens word followed by a unit is one number (forty four)."""
    out: list[str] = []
    i = 0
    while i < len(texts):
        value = _number(texts[i])
        following = _number(texts[i + 1]) if i + 1 < len(texts) else None
        if texts[i] in TENS and following is not None and following < 10:
            out.append(str(TENS[texts[i]] + following))
            i += 2
            continue
        out.append(str(value) if value is not None else texts[i])
        i += 1
    return out


def _initialisms(texts: list[str], weights: list[float]) -> tuple[list[str], list[float]]:
    """Runs of two or more single letters joined into one word of full weight."""
    out: list[str] = []
    out_weights: list[float] = []
    i = 0
    while i < len(texts):
        end = i
        while end < len(texts) and len(texts[end]) == 1 and texts[end].isalpha():
            end += 1
        if end - i >= 2:
            out.append("".join(texts[i:end]))
            out_weights.append(1.0)
            i = end
            continue
        out.append(texts[i])
        out_weights.append(weights[i])
        i += 1
    return out, out_weights


# Rewritten forms by the identity of the form (:func:`by_form`): hashing a whole form, token by
# token, cost more than the rewrite look-up saved.
_REWRITTEN: dict[int, tuple[NameForm, NameForm]] = {}


def rewrite_form(form: NameForm, person: bool) -> NameForm:
    """``form`` with initialisms joined and number words as numbers (not for people)."""
    if person:
        return form
    return by_form(_REWRITTEN, form, _rewrite)


def _rewrite(form: NameForm) -> NameForm:
    texts, weights = _initialisms([t.text for t in form.tokens], list(form.weights))
    texts = _numbers(texts)
    if texts == [t.text for t in form.tokens]:
        return form
    return build_form(form.original, tuple(make_token(t) for t in texts), tuple(weights))


def acronym_match(query: NameForm, result: NameForm) -> NameMatch | None:
    """A match when one name is a single word spelling the initials of the other's words."""
    for short, long_, flipped in ((query, result, False), (result, query, True)):
        if len(short.tokens) != 1 or len(long_.tokens) < 2:
            continue
        word = short.tokens[0].text
        full = [t.text for t, w in zip(long_.tokens, long_.weights, strict=True) if w >= 1.0]
        for words in ([t.text for t in long_.tokens], full):
            if 2 <= len(word) == len(words) and word == "".join(w[0] for w in words):
                long_text = " ".join(words)
                pair = (
                    Aligned(long_text, word, SIM_ACRONYM, "acronym")
                    if flipped
                    else Aligned(word, long_text, SIM_ACRONYM, "acronym")
                )
                return NameMatch(SIM_ACRONYM, query.original, result.original, (pair,), (), ())
    return None


def cjk_differs(query: str, result: str) -> str | None:
    """Why two names written in Hangul/Chinese characters differ, or None if they do not
    (or are not both written so)."""
    q_chars, r_chars = _CJK.findall(query), _CJK.findall(result)
    if not _mostly_cjk(query, q_chars) or not _mostly_cjk(result, r_chars):
        return None
    if sorted(q_chars) == sorted(r_chars):
        return None
    return f"{query} and {result} are written with different characters"


def _mostly_cjk(name: str, chars: list[str]) -> bool:
    return bool(chars) and len(chars) == sum(1 for c in name if c.isalnum())

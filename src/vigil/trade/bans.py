"""Which HS codes may not be traded with the DPRK, in which direction, under which measure.

Declared in ``data/banned_hs.csv`` (see ``data/PROVENANCE.md``). A code matches a range when its
first digits, as many as the range's bounds have, lie within it; the longest matching range wins,
then the order of the file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Direction = Literal["from_DPRK", "to_DPRK"]


@dataclass(frozen=True)
class Ban:
    """An HS range banned in one direction, tied to its measure."""

    direction: str
    hs_first: str
    hs_last: str
    measure_id: str
    label: str
    rule: str  # "ban", or "beyond_notified" for capped petroleum

    def matches(self, cmd_code: str, direction: str) -> bool:
        """Whether ``cmd_code`` traded in ``direction`` falls in this range."""
        digits = len(self.hs_first)
        head = cmd_code[:digits]
        return (
            direction == self.direction
            and len(head) == digits
            and (self.hs_first <= head <= self.hs_last)
        )


@cache
def bans() -> tuple[Ban, ...]:
    """Every declared range, in file order."""
    text = resources.files("vigil.trade").joinpath("data/banned_hs.csv").read_text("utf-8")
    return tuple(Ban(**row) for row in csv.DictReader(text.splitlines()))


def ban_for(cmd_code: str, direction: str) -> Ban | None:
    """The range that bans ``cmd_code`` in ``direction`` (longest prefix first), if any."""
    found = [b for b in bans() if b.matches(cmd_code, direction)]
    if not found:
        return None
    return max(found, key=lambda b: (len(b.hs_first), -bans().index(b)))


def dprk_direction(reporter_direction: str) -> Direction:
    """A partner's import from the DPRK is ``from_DPRK``; its export to the DPRK ``to_DPRK``."""
    return "from_DPRK" if reporter_direction == "import" else "to_DPRK"

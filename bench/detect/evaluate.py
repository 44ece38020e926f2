"""Precision and recall of findings against the simulator's labelled events, matched by time.

Kind mapping (finding kind <- truth kinds), as the simulator's author advises:
- ``encounter`` <- ``sts_transfer``;
- ``loitering`` <- ``loitering`` (transfer tankers are labelled loitering too);
- ``ais_gap`` <- ``ais_gap`` (intentional or reception gaps alike: both are >= 12 h silences);
- ``spoofing`` <- ``spoofing`` and ``shared_mmsi`` (a shared MMSI looks like spoofing jumps);
- ``identity_change`` <- ``identity_change``;
- ``port_call`` <- ``port_call``;
- ``dprk_waters`` <- ``dprk_waters`` (stretches of the true track inside a DPRK zone with a
  received report; see ``vigil.ais.simulate.labels``);
- ``designated_vessel`` <- ``designated_vessel`` (one per listed vessel, broadcast MMSI and UTC
  day with a received report; the simulator writes the register, the bench ingests it).
A finding matches an event of a mapped kind when they share an MMSI and their time spans overlap
within ``TOLERANCE_S`` (an event's edge and a finding's edge are each a sampled report time).
Precision counts findings that match some event; recall counts events matched by some finding.
Findings of kinds the simulator does not label (identity_mismatch) are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from vigil.findings.model import Finding

TOLERANCE_S: Final = 1800
KIND_MAP: Final[dict[str, tuple[str, ...]]] = {
    "encounter": ("sts_transfer",),
    "loitering": ("loitering",),
    "ais_gap": ("ais_gap",),
    "spoofing": ("spoofing", "shared_mmsi"),
    "identity_change": ("identity_change",),
    "port_call": ("port_call",),
    "dprk_waters": ("dprk_waters",),
    "designated_vessel": ("designated_vessel",),
}


@dataclass(frozen=True)
class Score:
    """One kind's figures."""

    kind: str
    findings: int
    matched_findings: int
    events: int
    matched_events: int

    @property
    def precision(self) -> float:
        return self.matched_findings / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.matched_events / self.events if self.events else 1.0


def _seconds(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _overlaps(f: Finding, event: dict[str, Any]) -> bool:
    mmsis = {s.mmsi for s in f.subjects if s.mmsi is not None}
    if not mmsis & set(event["mmsi"]):
        return False
    start, end = _seconds(event["start"]), _seconds(event["end"])
    return f.start.timestamp() <= end + TOLERANCE_S and f.end.timestamp() >= start - TOLERANCE_S


def score(findings: list[Finding], truth: dict[str, Any]) -> list[Score]:
    """Precision and recall per mapped kind."""
    out = []
    for kind, truth_kinds in KIND_MAP.items():
        found = [f for f in findings if f.kind == kind]
        events = [e for e in truth["events"] if e["kind"] in truth_kinds]
        matched_f = sum(any(_overlaps(f, e) for e in events) for f in found)
        matched_e = sum(any(_overlaps(f, e) for f in found) for e in events)
        out.append(Score(kind, len(found), matched_f, len(events), matched_e))
    return out


def misses(findings: list[Finding], truth: dict[str, Any]) -> list[str]:
    """One line per unmatched event or finding (for reading a run's errors)."""
    lines = []
    for kind, truth_kinds in KIND_MAP.items():
        found = [f for f in findings if f.kind == kind]
        for e in truth["events"]:
            if e["kind"] in truth_kinds and not any(_overlaps(f, e) for f in found):
                lines.append(f"missed {e['kind']} {e['mmsi']} {e['start']}..{e['end']}")
        for f in found:
            if not any(_overlaps(f, e) for e in truth["events"] if e["kind"] in truth_kinds):
                lines.append(f"extra {kind} {f.summary} {f.start:%m-%d %H:%M}..{f.end:%m-%d %H:%M}")
    return lines

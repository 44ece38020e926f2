"""Identity: changes of name, call sign or IMO under one MMSI, and one IMO moving to another MMSI
(re-flagging shows as a new MMSI with another MID) are ``identity_change`` findings. Invalid IMO
check digits, an MMSI whose MID country differs from the register's flag, an IMO broadcast by an
MMSI the register does not give, and one IMO on two MMSIs at once are ``identity_mismatch``.
Reads the identity history (``ident``), whose rows cite the first raw line of each value.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any

from vigil.detect.context import Context, utc, vessel
from vigil.detect.engine import sql
from vigil.detect.params import IdentityParams, as_dict
from vigil.findings.model import Evidence, Finding
from vigil.register.identifiers import imo_problem, parse_mmsi

NAME, VERSION = "identity", "1"
FIELDS = ("name", "call_sign", "imo")

IDENT_SQL = """
SELECT mmsi, field, value, first_s, last_s, first_raw_id, observations FROM ident
WHERE field IN ('name', 'call_sign', 'imo') AND observations >= {min_obs}
"""


def _ev(row: tuple[Any, ...]) -> Evidence:
    mmsi, field, value, first_s, last_s, raw_id, obs = row
    detail = {"mmsi": int(mmsi), "field": field, "value": value, "first_seen": utc(first_s).isoformat(),
              "last_seen": utc(last_s).isoformat(), "observations": int(obs)}  # fmt: skip
    return Evidence("ais_raw", str(raw_id), detail)


def _finding(ctx: Context, kind: str, rows: list[tuple[Any, ...]], start_s: int, end_s: int,
             reasons: list[str], confidence: float, p: IdentityParams, extra: list[Evidence] | None = None) -> Finding:  # fmt: skip
    mmsis = sorted({int(r[0]) for r in rows})
    facts = ctx.facts()
    return Finding(
        kind=kind,
        start=utc(min(start_s, end_s)),
        end=utc(max(start_s, end_s)),
        subjects=tuple(vessel(m, facts=facts.get(m)) for m in mmsis),
        evidence=tuple([_ev(r) for r in rows] + (extra or [])),
        confidence=confidence,
        reasons=tuple(reasons),
        detector=NAME,
        detector_version=VERSION,
        parameters=as_dict(p),
        summary="; ".join(reasons),
    )


def detect(ctx: Context, p: IdentityParams) -> list[Finding]:
    """Identity changes and mismatches."""
    rows = sorted(ctx.engine.query(sql(IDENT_SQL, ctx.engine, min_obs=p.min_observations)),
                  key=lambda r: (int(r[0]), r[1], int(r[3]), r[2]))  # fmt: skip
    by_key: dict[tuple[int, str], list[tuple[Any, ...]]] = defaultdict(list)
    by_imo: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        by_key[(int(r[0]), r[1])].append(r)
        if r[1] == "imo":
            by_imo[str(r[2])].append(r)
    out = []
    for (mmsi, field), values in sorted(by_key.items()):
        for old, new in itertools.pairwise(values):
            reason = f"MMSI {mmsi} changed {field.replace('_', ' ')} from {old[2]!r} to {new[2]!r}"
            out.append(
                _finding(
                    ctx, "identity_change", [old, new], int(old[4]), int(new[3]), [reason], 0.8, p
                )
            )
    for imo, values in sorted(by_imo.items()):
        values.sort(key=lambda r: (int(r[3]), int(r[0])))
        for old, new in itertools.pairwise(values):
            out.append(_imo_moved(ctx, imo, old, new, p))
    out += _mismatches(ctx, by_key, p)
    return out


def _imo_moved(
    ctx: Context, imo: str, old: tuple[Any, ...], new: tuple[Any, ...], p: IdentityParams
) -> Finding:
    a, b = parse_mmsi(int(old[0])), parse_mmsi(int(new[0]))
    if int(new[3]) <= int(old[4]):
        reason = f"IMO {imo} broadcast by MMSI {old[0]} and MMSI {new[0]} at the same time"
        return _finding(
            ctx, "identity_mismatch", [old, new], int(new[3]), int(old[4]), [reason], 0.85, p
        )
    reasons = [f"IMO {imo} moved from MMSI {old[0]} to MMSI {new[0]}"]
    if a.country != b.country:
        reasons.append(f"flag (MID country) changed from {a.country} to {b.country}")
    return _finding(ctx, "identity_change", [old, new], int(old[4]), int(new[3]), reasons, 0.85, p)


def _mismatches(
    ctx: Context, by_key: dict[tuple[int, str], list[tuple[Any, ...]]], p: IdentityParams
) -> list[Finding]:
    out = []
    reg = ctx.register
    for (mmsi, field), values in sorted(by_key.items()):
        if field != "imo":
            continue
        for r in values:
            problem = imo_problem(str(r[2]))
            if problem:
                out.append(
                    _finding(
                        ctx,
                        "identity_mismatch",
                        [r],
                        int(r[3]),
                        int(r[4]),
                        [f"MMSI {mmsi}: {problem}"],
                        0.6,
                        p,
                    )
                )
                continue
            for eid in sorted(reg.get("by_imo", {}).get(str(r[2]), set())):
                out += _register_checks(ctx, mmsi, r, eid, p)
    return out


def _register_checks(
    ctx: Context, mmsi: int, r: tuple[Any, ...], eid: str, p: IdentityParams
) -> list[Finding]:
    reg = ctx.register
    listed = sorted(m for m, ids in reg.get("by_mmsi", {}).items() if eid in ids)
    version = Evidence("register_entity", eid, {"versions": reg.get("versions", {})})
    out = []
    if listed and mmsi not in listed:
        reason = f"IMO {r[2]} broadcast by MMSI {mmsi}; the register gives MMSI {', '.join(map(str, listed))} ({eid})"
        out.append(
            _finding(
                ctx, "identity_mismatch", [r], int(r[3]), int(r[4]), [reason], 0.8, p, [version]
            )
        )
    flag, country = reg.get("flags", {}).get(eid), parse_mmsi(mmsi).country
    if flag and country and flag.lower() != country.lower():
        reason = f"MMSI {mmsi} has MID country {country}; the register flags IMO {r[2]} as {flag.upper()} ({eid})"
        out.append(
            _finding(
                ctx, "identity_mismatch", [r], int(r[3]), int(r[4]), [reason], 0.7, p, [version]
            )
        )
    return out

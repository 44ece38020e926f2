"""Write ``src/vigil/screening/data/dprk_korean_variants.csv``: spelling variants of the UN's
DPRK individuals, used by the tests and the benchmark.

Run: ``.venv/bin/python -m bench.screening.make_variants``. Provenance: the names are the UN
consolidated list of 2026-02-27 (DPRK individuals, primary names); the variants are generated
by the rules below, written for Vigil from the romanization standards (they are not produced
by Vigil's matcher). Hangul rows are written by hand for listed names and kept only when the
MR spelling is on the list.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Final

from vigil.register.sources import un_xml

HERE = Path(__file__).resolve()
UN_XML = HERE.parents[2] / ".." / "shared" / "data" / "sanctions" / "un_consolidated_2026-02-27.xml"
OUT = HERE.parents[2] / "src" / "vigil" / "screening" / "data" / "dprk_korean_variants.csv"

SOUTH_SURNAME: Final = {"RI": "Lee", "PAK": "Park", "CHOE": "Choi", "JONG": "Jung", "RIM": "Lim",
                        "RO": "Roh", "RYU": "Yoo", "KANG": "Gang", "JANG": "Chang", "YUN": "Yoon",
                        "MUN": "Moon", "O": "Oh", "AN": "Ahn", "SIN": "Shin", "KO": "Go",
                        "JON": "Jeon", "PAEK": "Baek", "SO": "Seo", "HO": "Heo"}  # fmt: skip
RR_SYLLABLE: Final = ((r"^(ch|j|s|y|r|h|m|p|t|k)o(ng|l|n|k|m|p)$", r"\1eo\2"),
                      (r"^ch", "j"), (r"^k", "g"), (r"^p", "b"), (r"^t", "d"), (r"^ri", "i"),
                      (r"^ry", "y"), (r"^r", "n"))  # fmt: skip
CYRILLIC: Final = (("ch", "ч"), ("ng", "н"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ae", "э"),
                   ("j", "чж"), ("k", "к"), ("t", "т"), ("p", "п"), ("s", "с"), ("h", "х"),
                   ("m", "м"), ("n", "н"), ("b", "б"), ("g", "г"), ("d", "д"), ("r", "р"), ("l", "ль"), ("a", "а"), ("o", "о"),
                   ("u", "у"), ("i", "и"), ("e", "е"), ("w", "в"), ("y", "й"))  # fmt: skip
HANGUL: Final = {"RI JE-SON": "리제선", "PAK TO-CHUN": "박도춘", "CHU KYU-CHANG": "주규창",
                 "KIM YONG CHOL": "김영철", "CHOE CHUN YONG": "최춘영", "JON IL CHUN": "전일춘",
                 "PAK CHOL NAM": "박철남", "RI SU YONG": "리수용", "HYON KWANG IL": "현광일"}  # fmt: skip


def syllables(name: str) -> list[list[str]]:
    """Words of a UN name, each split into syllables at hyphens."""
    return [w.split("-") for w in re.sub(r"[^A-Z\- ]", "", name.upper()).split()]


def rr(syllable: str) -> str:
    """One MR syllable in Revised Romanization (approximately: MR's o is often RR's eo)."""
    s = syllable.lower()
    for pattern, repl in RR_SYLLABLE:
        s = re.sub(pattern, repl, s)
    return s


def cyrillic(word: str) -> str:
    """A romanized Korean word in Russian Cyrillic (informal press style)."""
    out, s = "", word.lower()
    while s:
        for latin, cyr in CYRILLIC:
            if s.startswith(latin):
                out, s = out + cyr, s[len(latin) :]
                break
        else:
            s = s[1:]
    return out.capitalize()


def variants(name: str) -> list[tuple[str, str]]:
    """(system, spelling) variants of one UN name."""
    words = syllables(name)
    if len(words) < 2 or any(len(s) > 4 for w in words for s in w):
        return []
    family, given = words[0], [s for w in words[1:] for s in w]
    fam, giv = "".join(family), [s.capitalize() for s in given]
    out = [
        ("western order", f"{'-'.join(giv)} {fam.capitalize()}"),
        ("surname comma", f"{fam}, {' '.join(giv)}"),
        ("joined given", f"{fam.capitalize()} {''.join(giv).capitalize()}"),
        ("hyphenated", f"{fam.capitalize()} {'-'.join(giv).capitalize()}"),
        (
            "south korean",
            f"{SOUTH_SURNAME.get(fam, rr(fam).capitalize())} "
            f"{'-'.join(rr(s) for s in given).capitalize()}",
        ),
        ("revised romanization", " ".join([rr(fam).capitalize(), "".join(rr(s) for s in given)])),
        ("cyrillic", " ".join([cyrillic(fam), cyrillic("".join(given))])),
    ]
    longest = max(given, key=len)
    if len(longest) >= 4:
        typo = longest[:2] + longest[3:]
        out.append(("typo", f"{fam} {' '.join(typo if s == longest else s for s in given)}"))
    if name in HANGUL:
        out.append(("hangul", HANGUL[name]))
    return out


def main() -> None:
    """Parse the UN list and write the table."""
    parsed = un_xml.parse(UN_XML)
    rows = []
    for entity in parsed.entities:
        if entity.schema.name != "Person" or not str(entity.id).startswith("un-kpi"):
            continue
        name = entity.caption
        for system, spelling in variants(name):
            rows.append({"entity_id": entity.id, "un_name": name, "system": system,
                         "variant": spelling})  # fmt: skip
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["entity_id", "un_name", "system", "variant"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} variants of {len({r['entity_id'] for r in rows})} people -> {OUT}")


if __name__ == "__main__":
    main()

"""The ``Remarks`` field of OFAC's legacy SDN CSV, read into facts.

OFAC packs most of a record into its remarks: ``DOB 10 Dec 1948; POB Pyongyang, Korea, North;
nationality Korea, North; Passport 563410081 (Korea, North) expires 2021; a.k.a. 'KIM'; Linked
To: KOREA KWANGSON BANKING CORP.; Vessel Registration Identification IMO 8705539.`` Parts are
separated by ``;``; an ``alt.`` before a part marks an alternative value. Each part is matched
against :data:`RULES` (a table: label -> kind of fact and target property), first match wins.
A part that matches no rule stays in the entity's ``notes`` (the whole remarks string is kept
there anyway) and is counted as unparsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

FactKind = Literal[
    "prop",  # a value of a property of the main entity
    "date",  # a date text (-> date prefixes) of a property of the main entity
    "imo",  # an IMO number (checked when the entity is a vessel)
    "name",  # a quoted name: alias, weakAlias or previousName
    "document",  # an identity document: an Identification entity ("Passport" -> Passport)
    "wallet",  # a digital currency address: a CryptoWallet entity
    "link",  # "Linked To: NAME" and the like: an UnknownLink to another SDN record
    "provision",  # legal text about the sanction: Sanction.provisions
    "sanction-date",  # a date of the sanction itself (listingDate, startDate)
]


@dataclass(frozen=True)
class Rule:
    """One kind of remark: its label (a regex matched at the start of a part) and meaning."""

    label: str
    kind: FactKind
    prop: str
    keep_label: bool = False  # the label is part of the value (provisions)


# Order matters: a longer label must come before its prefix ("Passport" after "Diplomatic").
RULES: Final[tuple[Rule, ...]] = (
    Rule(r"DOB", "date", "birthDate"),
    Rule(r"POB", "prop", "birthPlace"),
    Rule(r"nationality", "prop", "nationality"),
    Rule(r"citizen", "prop", "citizenship"),
    Rule(r"Gender", "prop", "gender"),
    Rule(r"a\.k\.a\.", "name", "weakAlias"),  # strong aliases are SDN rows or alt.csv rows
    Rule(r"f\.k\.a\.", "name", "previousName"),
    Rule(r"n\.k\.a\.", "name", "alias"),
    Rule(r"Linked To:", "link", "Linked To"),
    Rule(r"Aircraft Operator", "link", "Aircraft Operator"),
    Rule(r"Vessel Registration Identification IMO", "imo", "imoNumber"),
    Rule(r"Vessel Registration Identification", "prop", "registrationNumber"),
    Rule(r"(?:Identification|Company) Number IMO", "imo", "imoNumber"),
    Rule(r"MMSI", "prop", "mmsi"),
    Rule(r"Vessel Year of Build", "date", "buildDate"),
    Rule(r"(?:Former|Other) Vessel Flag", "prop", "pastFlags"),
    Rule(r"Other Vessel Type", "prop", "pastTypes"),
    Rule(r"Other Vessel Call Sign", "prop", "callSign"),
    Rule(r"Aircraft Manufacture Date", "date", "buildDate"),
    Rule(r"Aircraft Model", "prop", "model"),
    Rule(r"Aircraft Manufacturer's Serial Number \(MSN\)", "prop", "serialNumber"),
    Rule(r"Aircraft Construction Number \(also called L/N or S/N or F/N\)", "prop", "serialNumber"),
    Rule(r"Aircraft Serial Identification", "prop", "serialNumber"),
    Rule(r"(?:Previous )?Aircraft Tail Number", "prop", "registrationNumber"),
    Rule(r"Aircraft Mode S Transponder Code", "prop", "icaoCode"),
    Rule(r"Nationality of Registration", "prop", "country"),
    Rule(r"Digital Currency Address -", "wallet", "publicKey"),
    Rule(r"(?:Email Address|EMAIL)", "prop", "email"),
    Rule(r"Website", "prop", "website"),
    Rule(r"(?:Phone Number|PHONE|Telephone(?: No\.)?|Tel\.)", "prop", "phone"),
    Rule(r"SWIFT/BIC", "prop", "swiftBic"),
    Rule(r"Organization Established Date", "date", "incorporationDate"),
    Rule(r"Organization Type:", "prop", "sector"),
    Rule(r"Target Type", "prop", "classification"),
    Rule(r"(?:Diplomatic |Service |Official )?Passport", "document", "Passport"),
    Rule(r"SSN", "document", "socialSecurityNumber"),
    Rule(
        r"(?:National ID No\.|National Foreign ID Number|Cedula No\.|Identification Number"
        r"|Personal ID Card|D\.N\.I\.|Driver's License No\.|Birth Certificate Number"
        r"|Residency Number|C\.U\.R\.P\.|C\.U\.I\.|Kenyan ID No\.|Refugee ID Card"
        r"|Cartilla de Servicio Militar Nacional|Electoral Registry No\.|Credencial electoral"
        r"|Turkish Identification Number|Numero de Identidad|Citizen's Card Number"
        r"|Travel Document Number)",
        "document",
        "idNumber",
    ),
    Rule(
        r"(?:Tax ID No\.|R\.F\.C\.|NIT #|RUC #|RIF #|C\.U\.I\.T\.|US FEIN|CUIT)",
        "prop",
        "taxNumber",
    ),
    Rule(r"V\.A\.T\. Number", "prop", "vatCode"),
    Rule(r"Unified Social Credit Code \(USCC\)", "prop", "uscCode"),
    Rule(r"United Social Credit Code Certificate \(USCCC\)", "prop", "uscCode"),
    Rule(r"Italian Fiscal Code", "prop", "taxNumber"),
    Rule(r"Legal Entity Number", "prop", "leiCode"),
    Rule(r"D-U-N-S Number", "prop", "dunsCode"),
    Rule(r"BIK \(RU\)", "prop", "bikCode"),
    Rule(
        r"(?:Business Registration (?:Number|Document #)|Commercial Registry Number"
        r"|Registration (?:Number|ID)|(?:UK )?Company Number|Chamber of Commerce Number"
        r"|Trade License No\.|C\.R\. No\.|Public Registration Number|Folio Mercantil No\."
        r"|Matricula Mercantil No\.?|Economic Register Number \(CBLS\)|Enterprise Number"
        r"|Central Registration System Number|Business Number|Organization Code"
        r"|Istanbul Chamber of Comm\. No\.|Dubai Chamber of Commerce Membership No\."
        r"|Branch Unit Number|Government Gazette Number|Registered Charity No\.|License"
        r"|Certificate of Incorporation Number)",
        "prop",
        "registrationNumber",
    ),
    Rule(r"Listing Date \([^)]*\):", "sanction-date", "listingDate"),
    Rule(r"Effective Date \([^)]*\):", "sanction-date", "startDate"),
    Rule(
        r"(?:Secondary sanctions risk:|Transactions Prohibited For Persons|Additional Sanctions"
        r" Information -|Executive Order \d+ (?:Directive )?(?:Determination|[Ii]nformation)"
        r"|CAATSA Section|IFCA Determination -|PEESA Information:|Sanctions Information)",
        "provision",
        "provisions",
        keep_label=True,
    ),
)
_COMPILED: Final = tuple(
    (re.compile(rf"^{rule.label}(?![A-Za-z])\s*(.*)$", re.S), rule) for rule in RULES
)
# "<number> (<country>) issued <date> expires <date>", every part after the number optional.
_DOCUMENT: Final = re.compile(
    r"^(?P<number>.+?)(?:\s*\((?P<country>[^()]*)\))?(?:\s*issued\s+(?P<issued>[^()]+?))?"
    r"(?:\s*expires\s+(?P<expires>[^()]+?))?$"
)
_COUNTRY_SUFFIX: Final = re.compile(r"^(?P<value>.+?)\s*\((?P<country>[^()]*)\)$")
_WALLET: Final = re.compile(r"^(?P<currency>[A-Z0-9]{2,6})\s+(?P<address>\S+)$")
_QUOTED: Final = re.compile(r"^'(.*)'$", re.S)


@dataclass(frozen=True)
class Fact:
    """One fact read from a remark part. ``text`` is the part verbatim (the original value)."""

    kind: FactKind
    prop: str
    value: str
    text: str
    country: str | None = None
    issued: str | None = None
    expires: str | None = None
    label: str = ""  # the document type as written ("Diplomatic Passport", "Cedula No.")


def split_remarks(remarks: str) -> list[str]:
    """The parts of a remarks string, without the final full stop and ``alt.`` markers."""
    text = remarks.strip()
    text = text.removesuffix(".") if not text.endswith("..") else text
    parts = (re.sub(r"^alt\.\s+", "", part.strip()) for part in text.split(";"))
    return [part for part in parts if part]


def _document(rule: Rule, rest: str, part: str) -> Fact:
    m = _DOCUMENT.match(rest)
    label = part[: len(part) - len(rest)].strip()
    if m is None:  # pragma: no cover - the pattern matches any non-empty text
        return Fact("document", rule.prop, rest, part, label=label)
    return Fact(
        "document",
        rule.prop,
        m.group("number").strip(),
        part,
        country=m.group("country"),
        issued=m.group("issued"),
        expires=m.group("expires"),
        label=label,
    )


def _fact(rule: Rule, rest: str, part: str) -> Fact | None:
    if rule.kind == "document":
        return _document(rule, rest, part)
    if rule.kind == "wallet":
        m = _WALLET.match(rest)
        if m is None:
            return None
        return Fact("wallet", rule.prop, m.group("address"), part, country=m.group("currency"))
    if rule.kind == "name":
        m = _QUOTED.match(rest)
        return Fact("name", rule.prop, m.group(1) if m else rest, part)
    if rule.kind == "provision":
        return Fact("provision", rule.prop, part, part)
    if rule.kind in ("prop", "imo") and (m := _COUNTRY_SUFFIX.match(rest)):
        return Fact(rule.kind, rule.prop, m.group("value"), part, country=m.group("country"))
    return Fact(rule.kind, rule.prop, rest, part)


def parse_part(part: str) -> Fact | None:
    """The fact of one remark part, or None when no rule reads it."""
    for pattern, rule in _COMPILED:
        m = pattern.match(part)
        if m is None:
            continue
        rest = m.group(1).strip()
        if not rest and not rule.keep_label:
            return None
        return _fact(rule, rest, part)
    return None


def parse_remarks(remarks: str) -> tuple[list[Fact], list[str]]:
    """The facts of a remarks string, and the parts no rule could read."""
    facts: list[Fact] = []
    unparsed: list[str] = []
    for part in split_remarks(remarks):
        fact = parse_part(part)
        if fact is None:
            unparsed.append(part)
        else:
            facts.append(fact)
    return facts, unparsed

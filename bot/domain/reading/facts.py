"""What a governing document says about itself: its period, its date, its municipalities,
and the `Document` the rest of the bot reads (section keys as `data/` derives them)."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.documents import INGRESS_KEY
from bot.domain.model import Document, Section
from bot.domain.reading.outline import Outline
from bot.domain.validation import slug

_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:[–—-]|till och med|till)\s*((?:19|20)\d\d)\b")
_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
)  # fmt: skip
_ADOPTED = re.compile(
    r"\b(?:fastställ|beslut|antag|godkän|reviderad|undertecknad)\w*\b[^.\n]{0,80}?"
    r"(?:(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+((?:19|20)\d\d)"
    r"|((?:19|20)\d\d)-(\d\d)-(\d\d))",
    re.IGNORECASE,
)
_PERIOD_WORDS = re.compile(r"\b(?:period|gäller|giltig|avtalstid)", re.IGNORECASE)
_NAME = r"[A-ZÅÄÖ][\wåäöéü-]+(?:\s[A-ZÅÄÖ][\wåäöéü-]+)?"
_MUNICIPALITY_LIST = re.compile(
    rf"\bkommunerna\s+((?:{_NAME},\s+)*{_NAME}(?:,)?\s+(?:och|samt)\s+{_NAME})"
)


def period_of(outline: Outline) -> str:
    """'2026–2029' from the title, else from a sentence about the period or validity."""
    match = _YEARS.search(outline.title)
    if match is None:
        for section in outline.sections[:12]:
            for sentence in re.split(r"(?<=[.!?])\s+", section.text):
                if _PERIOD_WORDS.search(sentence):
                    match = _YEARS.search(sentence)
                    if match is not None:
                        break
            if match is not None:
                break
    if match is None or int(match.group(1)) > int(match.group(2)):
        return ""
    return f"{match.group(1)}–{match.group(2)}"


def dated_of(outline: Outline) -> str:
    """The date the document was adopted, as ISO, from 'Fastställt … den 9 oktober 2025'."""
    head = " ".join(s.text for s in outline.sections[:2])[:4000]
    match = _ADOPTED.search(f"{outline.title}\n{head}")
    if match is None:
        return ""
    try:
        if match.group(1):
            month = _MONTHS.index(match.group(2).lower()) + 1
            return date(int(match.group(3)), month, int(match.group(1))).isoformat()
        return date(int(match.group(4)), int(match.group(5)), int(match.group(6))).isoformat()
    except ValueError:
        return ""


def municipalities_of(text: str) -> tuple[str, ...]:
    """The municipalities a document lists: 'kommunerna Norrvik, Ekstad och Åsdal'."""
    lists = []
    for match in _MUNICIPALITY_LIST.finditer(text):
        names = [n.strip() for n in re.split(r",\s*|\s+(?:och|samt)\s+", match.group(1))]
        lists.append([n for n in names if n])
    # A two-word name may have run into the next line ("Åsdal Fastställt"): when another
    # list has its first word alone, that is the name.
    single = {n for names in lists for n in names if " " not in n}
    best: list[str] = []
    for names in lists:
        names = [n.split()[0] if " " in n and n.split()[0] in single else n for n in names]
        if len(names) > len(best):
            best = names
    return tuple(best)


def to_document(
    outline: Outline,
    *,
    key: str,
    region: str,
    title: str = "",
    period: str = "",
    source_file: str = "",
) -> Document:
    """The outline as a `Document`; section keys from headings, unique within the document."""
    sections: list[Section] = []
    used: set[str] = set()
    for part in outline.sections:
        base = slug(part.title) if part.title else INGRESS_KEY
        section_key, n = base or "avsnitt", 2
        while section_key in used:
            section_key, n = f"{base}-{n}", n + 1
        used.add(section_key)
        sections.append(Section(section_key, part.number, part.title or title, part.text))
    return Document(
        key=key,
        region=region,
        title=title or outline.title,
        period=period or period_of(outline),
        source_file=source_file,
        sections=tuple(sections),
        dated=dated_of(outline),
    )


def document_key(title: str, period: str) -> str:
    """A stable key from the title: 'Inriktningsdokument … 2026–2029' -> 'inriktningsdokument-…'."""
    key = slug(title)[:90].strip("-") or "dokument"
    years = period.replace("–", "-")
    return key if not years or years in key else f"{key}-{years}"[:100]

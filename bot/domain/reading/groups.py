"""The groups a governing document sets up, found in its own text.

A region added from data alone has no hand-written `groups.yaml`: its groups are the
sections whose heading names a kind of group ("4.2 Styrgrupp", "Lokala samverkansgrupper",
"Kansliet"). Each group gets its full name and short form from the section's first
sentence ("Politiskt samråd Vänerkusten (PSV) är …") and its rules from the section's own
sentences — who chairs, who is secretary, where minutes go, what it consists of, who
prepares its matters — each quoted verbatim with the section as source. The meeting
frequency is read from "sammanträder fyra gånger per år". Nothing here is guessed beyond
what a sentence says; a rule the section does not state stays empty and questions about it
are answered from the documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.domain.model import (
    Document,
    Group,
    GroupKind,
    MeetingFrequency,
    Rule,
    SeatSpec,
    Section,
    SourceRef,
)
from bot.domain.names import fold
from bot.domain.validation import slug

# The kinds of group by the words their headings use (folded), most specific first.
_KIND_BY_WORD: tuple[tuple[str, GroupKind], ...] = (
    ("lokal ledningsgrupp", GroupKind.LOCAL_MANAGEMENT),
    ("lokala ledningsgrupp", GroupKind.LOCAL_MANAGEMENT),
    ("lokal samverkansgrupp", GroupKind.LOCAL_MANAGEMENT),
    ("lokala samverkansgrupp", GroupKind.LOCAL_MANAGEMENT),
    ("lokal arbetsgrupp", GroupKind.LOCAL_WORKING),
    ("lokala arbetsgrupp", GroupKind.LOCAL_WORKING),
    ("lokal utvecklingsgrupp", GroupKind.LOCAL_WORKING),
    ("lokala utvecklingsgrupp", GroupKind.LOCAL_WORKING),
    ("presidi", GroupKind.PRESIDIUM),
    ("politiskt samrad", GroupKind.POLITICAL_COUNCIL),
    ("politiska samrad", GroupKind.POLITICAL_COUNCIL),
    ("samrad", GroupKind.POLITICAL_COUNCIL),
    ("arbetsutskott", GroupKind.WORKING_COMMITTEE),
    ("styrgrupp", GroupKind.STEERING_GROUP),
    ("styrelse", GroupKind.STEERING_GROUP),
    ("ledningsgrupp", GroupKind.STEERING_GROUP),
    ("uppdragsgrupp", GroupKind.COMMISSIONED_GROUP),
    ("temagrupp", GroupKind.COMMISSIONED_GROUP),
    ("utvecklingsgrupp", GroupKind.COMMISSIONED_GROUP),
    ("arbetsgrupp", GroupKind.COMMISSIONED_GROUP),
    ("beredningsgrupp", GroupKind.COMMISSIONED_GROUP),
    ("natverk", GroupKind.COMMISSIONED_GROUP),
    ("kansli", GroupKind.OFFICE),
    ("kontor", GroupKind.OFFICE),
)
# Definite forms members write: "styrgruppen", "arbetsutskottet", "samrådet".
_DEFINITE = (
    ("grupper", "grupperna"), ("grupp", "gruppen"), ("utskott", "utskottet"),
    ("samråd", "samrådet"), ("presidium", "presidiet"), ("kansli", "kansliet"),
    ("styrelse", "styrelsen"), ("nätverk", "nätverket"), ("kontor", "kontoret"),
)  # fmt: skip
_PREPARES = re.compile(r"\bbereder\b[^.]*\btill\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”])")
_SHORT = re.compile(r"\(([A-ZÅÄÖ]{2,6})\)")
_NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}  # fmt: skip
_TIMES = re.compile(
    r"\b(?:sammanträder|träffas|möts|har möte|håller möte)\w*\s+(?:normalt\s+|minst\s+|cirka\s+)?"
    r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
    r"(?:\s*(?:[–-]|till)\s*(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r"))?"
    r"\s+gånger\s+(?:per|om|i)\s+år",
    re.IGNORECASE,
)
_RULE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "composition",
        re.compile(r"\b(ingår|består av|sammansatt|ledamöter från|har \w+ ledamöter)\b", re.I),
    ),
    ("chair", re.compile(r"\bordförande", re.I)),
    ("secretary", re.compile(r"\bsekreterare", re.I)),
    ("minutes", re.compile(r"\b(protokoll|minnesanteckningar)", re.I)),
    ("prepared_by", re.compile(r"\b(bereds|förbereds)\b", re.I)),
    ("commissioned_by", re.compile(r"\b(tillsätt|ger uppdrag|uppdrag från)\w*", re.I)),
    ("reports_to", re.compile(r"\b(rapporterar|återrapporter|redovisar)\w*", re.I)),
)


def kind_of(title: str) -> GroupKind | None:
    folded = fold(title)
    for word, kind in _KIND_BY_WORD:
        if word in folded:
            return kind
    return None


def sentences(text: str) -> list[str]:
    """A section's sentences; a sentence ending in ':' keeps the list that follows it."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("- ") and out and out[-1].endswith(":"):
            out[-1] = f"{out[-1]}\n{paragraph}"
            continue
        out.extend(s.strip() for s in _SENTENCE.split(paragraph.replace("\n", " ")) if s.strip())
    return out


def find_groups(documents: Sequence[Document], region: str) -> tuple[Group, ...]:
    groups: dict[str, tuple[Group, list[str]]] = {}
    for document in documents:
        for section in document.sections:
            kind = kind_of(section.title) if section.title else None
            if kind is None or section.key == "ingress":
                continue
            group = _group(document, section, region, kind)
            if group.key not in groups:
                groups[group.key] = (group, sentences(section.text))
    return _linked(list(groups.values()))


def _group(document: Document, section: Section, region: str, kind: GroupKind) -> Group:
    source = SourceRef(document.key, section.key)
    said = sentences(section.text)
    name = _full_name(section.title, said[0] if said else "")
    short = _SHORT.search(said[0]) if said else None
    rules: dict[str, Rule] = {}
    for sentence in said:
        for field, cue in _RULE_CUES:
            if field not in rules and cue.search(sentence):
                rules[field] = Rule(sentence, source)
                break  # one sentence, one rule: "AU består av … ordförande …" is composition
    return Group(
        key=slug(section.title)[:60],
        region=region,
        kind=kind,
        name=name,
        short_name=short.group(1) if short else "",
        aliases=tuple(sorted(_aliases(section.title, name))),
        description=Rule(said[0], source) if said else None,
        seats=seats(said),
        frequency=_frequency(said, source),
        **rules,  # type: ignore[arg-type]
    )


def _full_name(title: str, first: str) -> str:
    """'Politiskt samråd' + 'Politiskt samråd Vänerkusten (PSV) är …' -> 'Politiskt samråd
    Vänerkusten': the first sentence may name the group in full."""
    if first.lower().startswith(title.lower()):
        rest = first[len(title) :].split("(")[0].split(" är ")[0].strip()
        if rest and len(rest.split()) <= 2 and all(w[:1].isupper() for w in rest.split()):
            return f"{title} {rest}"
    return title


def _aliases(title: str, name: str) -> set[str]:
    """The names and the definite form of the head word: 'Styrgrupp' -> 'Styrgruppen';
    'Politiskt samråd' -> 'samrådet' (the adjective would change too, so alone)."""
    names = {title, name}
    for text in (title, name):
        words = text.split()
        for suffix, definite in _DEFINITE:
            if words and words[-1].lower().endswith(suffix):
                names.add(words[-1][: -len(suffix)] + definite)
                break
    return {n for n in names if n}


_SEAT = re.compile(
    r"^(?:(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+)?"
    r"(?:plats(?:er)?|ledamöter|ledamot|representanter|representant|förtroendevalda|förtroendevald"
    r"|företrädare)\s+(?:för|från|ur)\s+(.+?)(?:,\s*(.*))?\.?$",
    re.IGNORECASE,
)
_ADJUNCT = re.compile(r"^(.+?)\s+(?:är|deltar som)\s+adjungerad", re.IGNORECASE)


def seats(said: Sequence[str]) -> tuple[SeatSpec, ...]:
    """Seats from a composition list ('- två platser för VKS', '- en förtroendevald per
    kommun') and adjunct members ('Folktandvården och Regionhälsan är adjungerade …')."""
    found: list[SeatSpec] = []
    for sentence in said:
        head, _, items = sentence.partition("\n")
        if items and re.search(r"\b(ingår|består|ledamöter|platser|sammansatt)", head, re.I):
            voting = not re.search(r"utan rösträtt", head, re.I)
            for item in items.split("\n"):
                seat = _seat(item.removeprefix("- ").strip().rstrip(",;."), voting)
                if seat is not None:
                    found.append(seat)
        adjunct = _ADJUNCT.match(sentence)
        if adjunct and not re.search(r"rösträtt\s*$", adjunct.group(1)):
            for name in re.split(r",\s*|\s+och\s+", adjunct.group(1)):
                if name and name[0].isupper() and len(name.split()) <= 5:
                    found.append(
                        SeatSpec(
                            slug(name)[:60], name, 1, voting=False, adjunct=True, count_stated=False
                        )
                    )
    unique: dict[str, SeatSpec] = {}
    for seat in found:
        unique.setdefault(seat.key, seat)
    return tuple(unique.values())


def _seat(item: str, voting: bool) -> SeatSpec | None:
    per_municipality = re.search(r"\b(?:en\s+)?per kommun\b", item, re.I)
    text = re.sub(
        r"^(?:en|ett)\s+(\w+)\s+per kommun\b", r"en \1 för Varje kommun", item, flags=re.I
    )
    match = _SEAT.match(text)
    if match is None:
        return None
    organisation = match.group(2).strip()
    if len(organisation.split()) > 8 or not organisation:
        return None
    count = _number(match.group(1)) if match.group(1) else 1
    return SeatSpec(
        key=slug(organisation)[:60],
        organisation=organisation[0].upper() + organisation[1:],
        count=count,
        voting=voting,
        per="kommun" if per_municipality and organisation == "Varje kommun" else "",
        note=match.group(3) or "",
        count_stated=match.group(1) is not None,
    )


def _frequency(said: Sequence[str], source: SourceRef) -> MeetingFrequency | None:
    for sentence in said:
        match = _TIMES.search(sentence)
        if match is None:
            continue
        low = _number(match.group(1))
        high = _number(match.group(2)) if match.group(2) else low
        text = sentence[match.start(1) : match.end()]  # "fyra gånger per år"
        return MeetingFrequency(low, high, text, source)
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _linked(found: Sequence[tuple[Group, list[str]]]) -> tuple[Group, ...]:
    """'Arbetsutskottet bereder ärenden till styrgruppen' (in the AU's section): the AU
    prepares for the steering group, and that sentence says who prepares the steering
    group's matters. Only a sentence naming exactly one other group links them."""
    groups = {g.key: g for g, _ in found}
    for group, said in found:
        for sentence in said:
            if not _PREPARES.search(sentence):
                continue
            named = [
                other
                for other in groups.values()
                if other.key != group.key
                and any(
                    re.search(rf"\b{re.escape(fold(a))}\b", fold(sentence)) for a in other.aliases
                )
            ]
            if len(named) != 1:
                continue
            target = named[0]
            source = group.description.source if group.description else None
            groups[group.key] = replace(groups[group.key], prepares_for=target.key)
            if target.prepared_by is None and source is not None:
                groups[target.key] = replace(target, prepared_by=Rule(sentence, source))
            break
    return tuple(groups.values())

"""The passages retrieval chooses from: every sourced rule and every document paragraph.

A passage is what an answer quotes, so each one carries the `SourceRef` it cites. Rules
come first and documents last: where a rule repeats a document sentence word for word
(most do), the rule's passage wins the de-duplication and keeps its group and topic.

Two kinds of passage are composed from structured data rather than quoted, and say so in
`origin`/`topic`: a group's meeting frequency ("Styrgrupp sammanträder 4-6 gånger/år.",
topic "frequency") and when the survey goes out (origin "survey", "Enkäten skickas ut
av …"). Their wording only restates the data; their `source` is the data's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.domain.model import Document, Governance, Group, RegionData, Rule, SourceRef

# Paragraphs are cut into sentences: a sentence answers one thing, and most rules in the
# YAML are one document sentence verbatim, so the two merge instead of competing. Only a
# sentence shorter than this is kept together with the next one ("I DPS ingår:" + list).
MIN_SENTENCE_CHARS = 25

_GROUP_FIELDS = (
    "description", "composition", "chair", "secretary", "prepared_by", "commissioned_by",
    "reports_to", "minutes", "term",
)  # fmt: skip
_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REF = re.compile(r"\[\^\d+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^\d+\]:\s*")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A quotable piece of the governance data, with its source."""

    region: str  # Region.key
    text: str
    source: SourceRef
    group: str | None  # Group.key when the passage is about one group
    topic: str | None  # Rule.topic, or the group field ("chair", "minutes", …)
    title: str  # the group's or the section's name
    origin: str  # "group", "fact", "office", "survey", "goal" or "section"
    groups: tuple[str, ...] = ()  # every group that states this same rule


def passages(governance: Governance) -> list[Passage]:
    """Every passage of every region, each distinct (region, text, source) once."""
    merged: dict[tuple[str, str, SourceRef], Passage] = {}
    for data in governance.regions:
        for passage in _region_passages(governance, data):
            key = (passage.region, " ".join(passage.text.lower().split()), passage.source)
            first = merged.get(key)
            merged[key] = passage if first is None else _merge(first, passage)
    return list(merged.values())


def _merge(first: Passage, other: Passage) -> Passage:
    """One passage for a rule several groups share (the eight local groups' minutes rule)."""
    if other.group is None or other.group in first.groups:
        return first
    groups = (*first.groups, other.group)
    title = first.title
    if other.title != title:  # "Lokal ledningsgrupp Borås", "… Mark" -> "Lokal ledningsgrupp"
        common = []
        for a, b in zip(title.split(), other.title.split(), strict=False):
            if a != b:
                break
            common.append(a)
        title = " ".join(common) or title
    return Passage(
        first.region, first.text, first.source, first.group, first.topic, title,
        first.origin, groups,
    )  # fmt: skip


def _region_passages(governance: Governance, data: RegionData) -> Iterator[Passage]:
    key = data.region.key
    for group in data.groups:
        yield from _group_passages(key, group)
    for rule in data.region.facts:
        yield _rule(key, rule, _section_title(governance, rule.source), "fact")
    office = data.region.office_name
    for rule in data.office_tasks:
        yield _rule(key, rule, office or _section_title(governance, rule.source), "office")
    if data.survey is not None:
        survey = data.survey
        months = " och ".join(_MONTHS[m - 1] for m in survey.months if 1 <= m <= 12)
        text = f"Enkäten skickas ut av {survey.sent_by}" + (f" i {months}." if months else ".")
        yield Passage(key, text, survey.source, None, "enkat", "Enkät", "survey")
        for question in survey.questions:
            text = f"{question.text} ({question.recipients_text})"
            yield Passage(key, text, question.source, None, "enkat", "Enkät", "survey")
    for goal in data.goals:
        title = f"Mål {goal.year}"
        yield Passage(key, goal.text, goal.source, None, "mal", title, "goal")
        if goal.outcome:
            yield Passage(key, goal.outcome, goal.source, None, "maluppfyllelse", title, "goal")
    for document in data.documents:
        if not document.replaced_by:  # a newer version answers; the rules may still cite it
            yield from _document_passages(key, document)


def _group_passages(region: str, group: Group) -> Iterator[Passage]:
    title = f"{group.name} {group.short_name}".strip()
    for field in _GROUP_FIELDS:
        rule = getattr(group, field)
        if isinstance(rule, Rule):
            yield _rule(region, rule, title, "group", group.key, field)
    frequency = group.frequency
    if frequency is not None and frequency.source is not None:
        text = f"{group.name} sammanträder {frequency.text}."
        yield Passage(region, text, frequency.source, group.key, "frequency", title, "group",
                      (group.key,))  # fmt: skip
    for rule in group.extra:
        yield _rule(region, rule, title, "group", group.key)


def _rule(
    region: str, rule: Rule, title: str, origin: str, group: str | None = None,
    field: str | None = None,
) -> Passage:  # fmt: skip
    groups = (group,) if group else ()
    topic = rule.topic or field or None
    return Passage(region, rule.text, rule.source, group, topic, title, origin, groups)


def _section_title(governance: Governance, source: SourceRef) -> str:
    document = governance.document(source.document)
    section = document.section(source.section) if document else None
    return section.title if section else ""


def _document_passages(region: str, document: Document) -> Iterator[Passage]:
    for section in document.sections:
        source = SourceRef(document.key, section.key)
        for chunk in split_section(section.text):
            yield Passage(region, chunk, source, None, None, section.title, "section")


def split_section(text: str) -> list[str]:
    """Sentences of a Markdown section; a list stays with the line that introduces it."""
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [_clean(line) for line in raw.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue
        is_list = all(_LIST_MARK.match(line) for line in raw.splitlines() if line.strip())
        block = " ".join(_LIST_MARK.sub("", line) for line in lines)
        if is_list and blocks and not blocks[-1].endswith("."):
            blocks[-1] = f"{blocks[-1]} {block}"  # "Syftet … är att" + its bullet points
        else:
            blocks.append(block)
    return [sentence for block in blocks for sentence in _sentences(block)]


def _clean(line: str) -> str:
    line = _FOOTNOTE_DEF.sub("", line.strip())
    line = _FOOTNOTE_REF.sub("", _LINK.sub(r"\1", line))
    return line.replace("**", "").strip()


def _sentences(block: str) -> list[str]:
    out: list[str] = []
    pending = ""
    for sentence in _SENTENCE_END.split(block):
        sentence = f"{pending} {sentence}".strip()
        if len(sentence) < MIN_SENTENCE_CHARS:
            pending = sentence
        else:
            out.append(sentence)
            pending = ""
    if pending:
        out.append(pending)
    return out

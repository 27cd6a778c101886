"""Load `data/` (YAML and Markdown) into the governance model, checking it on the way.

Layout (see data/README.md): `regions/<key>/region.yaml`, `groups.yaml`, optional
`survey.yaml` and `goals.yaml`, and `documents/<document-key>.md`. All documents of all
regions are read first, so every rule's `source: <document>#<section>` can be checked
against the sections that really exist. Problems are collected over every file and raised
together as one `DataError`, so an editor fixes a whole batch in one go.

Section keys of a Markdown document are derived, never written: a `## 4 Styrning och
struktur` or `### Delregionalt politiskt samråd (DPS)` heading gives the key
`slug(title)` without the number ("styrning-och-struktur", "delregionalt-politiskt-samrad-dps").
Text between the `# Title` and the first `##` becomes the section `ingress`. Deeper
headings (`####`) stay inside their section's text. Keys are therefore stable as long as
the heading's words are; renaming a heading means updating the sources that cite it,
which the loader then reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from bot.domain.documents import load_documents
from bot.domain.model import (
    Document,
    Goal,
    Governance,
    Group,
    GroupKind,
    MeetingFrequency,
    RecipientRule,
    Region,
    RegionData,
    Role,
    SeatSpec,
    Survey,
    SurveyQuestion,
)
from bot.domain.validation import (
    Context,
    DataError,
    Fields,
    Problems,
    check_unique,
    file_label,
    read_yaml,
    slug,
)

ROSTER_HEADER = ("region", "group", "seat", "role", "name", "email", "organisation", "from", "to")
MEETINGS_HEADER = ("region", "group", "start", "end", "location", "title", "agenda_url")


_REGION_KEYS = (
    "key", "name", "collaboration", "office_name", "local_group_term", "municipalities",
    "aliases", "facts", "office_tasks",
)  # fmt: skip
_RULE_FIELDS = (
    "description", "composition", "chair", "secretary", "prepared_by", "commissioned_by",
    "reports_to", "minutes", "term",
)  # fmt: skip
_GROUP_KEYS = (
    "key", "kind", "name", "short_name", "aliases", "seats", "prepares_for", "parent",
    "municipality", "frequency", "chair_term_years", "extra", *_RULE_FIELDS,
)  # fmt: skip
_SEAT_KEYS = ("key", "organisation", "count", "voting", "adjunct", "per", "note")


_E = TypeVar("_E", GroupKind, Role)


def _enum_value(f: Fields, key: str, enum: type[_E]) -> _E | None:
    text = f.text(key, required=False)
    if not text:
        return None
    try:
        return enum(text)
    except ValueError:
        known = ", ".join(e.value for e in enum)
        what = "group kind" if enum is GroupKind else "role"
        f.report(key, f"unknown {what} '{text}' (known: {known})")
        return None


def _seat(ctx: Context, value: object, place: str) -> SeatSpec | None:
    f = ctx.fields(value, place, _SEAT_KEYS)
    organisation = f.text("organisation")
    count = f.integer("count", minimum=1)
    seat = SeatSpec(
        key=f.key("key", required=False) or slug(organisation),
        organisation=organisation,
        count=count or 1,
        voting=f.boolean("voting", True),
        adjunct=f.boolean("adjunct", False),
        note=f.text("note", required=False),
        per=f.text("per", required=False),
        # A seat the document gives no number for leaves `count` out in the YAML.
        count_stated=f.has("count"),
    )
    return seat if f.ok and organisation else None


def _frequency(ctx: Context, f: Fields) -> MeetingFrequency | None:
    if not f.has("frequency"):
        return None
    g = ctx.fields(f.raw("frequency"), f.at("frequency"), ("min", "max", "text", "source"))
    low, high = g.integer("min", maximum=366), g.integer("max", maximum=366)
    if low is not None and high is not None and low > high:
        g.report("max", f"must not be below min ({high} < {low})")
    source = ctx.source(g.raw("source"), g.at("source")) if g.has("source") else None
    return MeetingFrequency(low, high, g.text("text"), source) if g.ok else None


def _group(ctx: Context, value: object, place: str, region: str) -> Group | None:
    f = ctx.fields(value, place, _GROUP_KEYS)
    if not f.ok:
        return None
    kind = _enum_value(f, "kind", GroupKind)
    if not f.has("kind"):
        f.report("kind", "missing (required)")
    seats = (_seat(ctx, v, p) for p, v in f.items("seats"))
    seat_list = tuple(s for s in seats if s is not None)
    check_unique(((f"{place}.seats", s.key) for s in seat_list), ctx.file, ctx.problems, "seat")
    rules = {name: ctx.optional_rule(f, name) for name in _RULE_FIELDS}
    group = Group(
        key=f.key("key"),
        region=region,
        kind=kind or GroupKind.COMMISSIONED_GROUP,
        name=f.text("name"),
        short_name=f.text("short_name", required=False),
        aliases=f.strings("aliases"),
        seats=seat_list,
        prepares_for=f.optional_text("prepares_for"),
        frequency=_frequency(ctx, f),
        parent=f.optional_text("parent"),
        municipality=f.optional_text("municipality"),
        extra=ctx.rules(f, "extra"),
        chair_term_years=f.integer("chair_term_years", minimum=1, maximum=10),
        **rules,
    )
    return group if kind is not None else None


def _check_links(ctx: Context, places: list[str], groups: list[Group], region: Region) -> None:
    keys = {g.key for g in groups}
    for place, group in zip(places, groups, strict=True):
        for field_name in ("prepares_for", "parent"):
            target = getattr(group, field_name)
            if target is not None and (target not in keys or target == group.key):
                ctx.problems.add(ctx.file, f"{place}.{field_name}", f"no other group '{target}'")
        if group.municipality is not None and group.municipality not in region.municipalities:
            known = ", ".join(region.municipalities) or "none listed in region.yaml"
            ctx.problems.add(
                ctx.file, f"{place}.municipality", f"unknown '{group.municipality}' ({known})"
            )


def _survey(ctx: Context, data: object, region: str) -> Survey | None:
    f = ctx.fields(data, "", ("months", "sent_by", "source", "questions"))
    source = ctx.source(f.raw("source"), "source")
    months = []
    for place, month in f.items("months", required=True):
        if isinstance(month, int) and not isinstance(month, bool) and 1 <= month <= 12:
            months.append(month)
        else:
            ctx.problems.add(ctx.file, place, f"expected a month 1-12, got {month!r}")
    questions = []
    for place, value in f.items("questions", required=True):
        q = ctx.fields(value, place, ("key", "text", "recipients_text", "recipients", "source"))
        recipients = []
        for r_place, r_value in q.items("recipients", required=True):
            r = ctx.fields(r_value, r_place, ("group_kind", "role"))
            rule = RecipientRule(
                _enum_value(r, "group_kind", GroupKind), _enum_value(r, "role", Role)
            )
            if r.ok and not (r.has("group_kind") or r.has("role")):
                ctx.problems.add(ctx.file, r_place, "needs group_kind, role or both")
            recipients.append(rule)
        # A question may leave out its source: it then cites the survey's own source.
        q_source = ctx.source(q.raw("source"), q.at("source")) if q.has("source") else source
        key, text = q.key("key"), q.text("text")
        if q.ok and q_source is not None:
            recipients_text = q.text("recipients_text")
            questions.append(
                SurveyQuestion(key, text, tuple(recipients), recipients_text, q_source)
            )
    check_unique(
        ((f"questions[{i}]", q.key) for i, q in enumerate(questions)), ctx.file, ctx.problems, "key"
    )
    if not f.ok or source is None:
        return None
    return Survey(region, tuple(months), f.text("sent_by"), tuple(questions), source)


def _goals(ctx: Context, data: object) -> tuple[Goal, ...]:
    f = ctx.fields(data, "", ("goals",))
    goals = []
    for place, value in f.items("goals", required=True):
        g = ctx.fields(value, place, ("key", "year", "text", "outcome", "source"))
        year = g.integer("year", minimum=1900, maximum=2100)
        if not g.has("year"):
            g.report("year", "missing (required)")
        source = ctx.source(g.raw("source"), g.at("source"))
        key, text, outcome = g.key("key"), g.text("text"), g.text("outcome", required=False)
        if g.ok and year is not None and source is not None:
            goals.append(Goal(key, year, text, outcome, source))
    check_unique(
        ((f"goals[{i}]", x.key) for i, x in enumerate(goals)), ctx.file, ctx.problems, "key"
    )
    return tuple(goals)


def read_region(
    region_dir: Path,
    root: Path,
    documents: tuple[Document, ...],
    sections: Mapping[str, frozenset[str]],
    problems: Problems,
) -> RegionData | None:
    """One region folder: region.yaml and groups.yaml, plus survey.yaml and goals.yaml if any."""

    def context(name: str) -> tuple[Context, object]:
        path = region_dir / name
        ctx = Context(file_label(path, root), problems, sections)
        return ctx, read_yaml(path, ctx.file, problems)

    ctx, data = context("region.yaml")
    if data is None:
        return None
    f = ctx.fields(data, "", _REGION_KEYS)
    key = f.key("key")
    if key and key != region_dir.name:
        f.report("key", f"'{key}' must equal the folder name '{region_dir.name}'")
    region = Region(
        key=region_dir.name,
        name=f.text("name"),
        collaboration=f.text("collaboration"),
        # Skaraborg's plan names no office: the chairing principal keeps the secretariat.
        office_name=f.text("office_name", required=False),
        local_group_term=f.text("local_group_term"),
        municipalities=f.strings("municipalities"),
        aliases=f.strings("aliases"),
        facts=ctx.rules(f, "facts"),
    )
    office_tasks = ctx.rules(f, "office_tasks")

    ctx, data = context("groups.yaml")
    groups: list[Group] = []
    places: list[str] = []
    if data is not None:
        # `templates` only holds YAML anchors (&llg) that groups merge in with `<<: *llg`.
        g = ctx.fields(data, "", ("groups", "templates"))
        for place, value in g.items("groups", required=True):
            group = _group(ctx, value, place, region.key)
            if group is not None:
                groups.append(group)
                places.append(place)
        check_unique(zip(places, (x.key for x in groups), strict=True), ctx.file, problems, "key")
        _check_links(ctx, places, groups, region)

    survey = None
    if (region_dir / "survey.yaml").is_file():
        ctx, data = context("survey.yaml")
        survey = _survey(ctx, data, region.key) if data is not None else None
    goals: tuple[Goal, ...] = ()
    if (region_dir / "goals.yaml").is_file():
        ctx, data = context("goals.yaml")
        goals = _goals(ctx, data) if data is not None else ()
    return RegionData(region, tuple(groups), documents, survey, goals, office_tasks)


def load_governance(root: Path) -> Governance:
    """Every region under `root/regions` (root is the `data` folder), checked as a whole.

    Raises DataError listing every problem found; returns nothing half-loaded.
    """
    problems = Problems()
    regions_dir = root / "regions"
    if not regions_dir.is_dir():
        raise DataError([f"{file_label(regions_dir, root)}: missing regions folder"])
    region_dirs = sorted(p for p in regions_dir.iterdir() if p.is_dir())
    if not region_dirs:
        raise DataError([f"{file_label(regions_dir, root)}: no region folders"])
    documents = {d: load_documents(d, root, problems) for d in region_dirs}
    all_docs = [doc for docs in documents.values() for doc in docs]
    check_unique(
        ((f"document in {doc.region}", doc.key) for doc in all_docs),
        file_label(regions_dir, root),
        problems,
        "document key",
    )
    sections = {doc.key: frozenset(s.key for s in doc.sections) for doc in all_docs}
    loaded: list[RegionData] = []
    for region_dir in region_dirs:
        data = read_region(region_dir, root, documents[region_dir], sections, problems)
        if data is not None:
            loaded.append(data)
    problems.raise_if_any()
    return Governance(tuple(loaded))


def load_example_paths(root: Path) -> tuple[Path, Path]:
    """(roster.csv, meetings.csv) of the fictional example, for `seed --example` only."""
    roster, meetings = root / "example" / "roster.csv", root / "example" / "meetings.csv"
    missing = [file_label(p, root) for p in (roster, meetings) if not p.is_file()]
    if missing:
        raise DataError([f"{m}: missing example file" for m in missing])
    return roster, meetings

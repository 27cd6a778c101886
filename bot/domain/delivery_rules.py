"""Delivery rules: which posts the bot makes for a group's meetings, and how many days apart.

Read from `data/regions/<region>/delivery.yaml` (see data/README.md), separately from the
governance loader because it refers to the loaded groups: `groups:` keys must be groups of
`groups.yaml`, and a chair reminder cites one of the group's own rules (`rule: minutes`)
instead of copying the sentence, so the reminder always quotes the governing document.

Three layers, later ones override earlier ones field by field: `defaults` → `kinds`
(by group kind) → `groups` (by group key). A post is `false` (off), `true` (on, with the
fields it inherits) or a mapping of fields. A region without a delivery.yaml gets
`BUILT_IN`: only the notice a week before and the reminder the working day before.
Problems are collected like the governance loader's and raised as one `DataError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from pathlib import Path

from bot.domain.model import Governance, Group, GroupKind, Role, Rule, SourceRef
from bot.domain.validation import Context, DataError, Fields, Problems, file_label, read_yaml

__all__ = [
    "BUILT_IN",
    "Approval",
    "DataError",
    "DeliveryRules",
    "GroupRules",
    "PostKind",
    "load_delivery_rules",
]


class PostKind(StrEnum):
    """What a post is; the value is also the outbox's `kind`."""

    NOTICE = "kallelse"
    AGENDA_MISSING = "dagordning-saknas"  # to the office, only when no agenda link by then
    REMINDER = "paminnelse"
    MINUTES_REQUEST = "protokoll-begaran"  # to the secretary
    APPROVAL = "protokoll-for-justering"  # to the approvers, with a deadline
    APPROVAL_REMINDER = "justering-paminnelse"
    MINUTES_PUBLISHED = "protokoll-publicerat"  # to the group, once the link is registered
    CHAIR_REMINDER = "ordforande-paminnelse"  # commissioned and local groups: send the notes


@dataclass(frozen=True, slots=True)
class Approval:
    """'Protokoll för justering': sent `days_after` the meeting, to be approved within
    `deadline_days`, with a reminder `reminder_days_before` the deadline (None: none)."""

    days_after: int
    deadline_days: int
    reminder_days_before: int | None
    approvers: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class GroupRules:
    """One group's resolved rules; a None number means the post is off."""

    send_time: time = time(8, 0)
    notice_days_before: int | None = None
    agenda_days_before: int | None = None
    reminder_days_before: int | None = None
    minutes_request_days_after: int | None = None
    approval: Approval | None = None
    published: bool = False
    chair_reminder_days_after: int | None = None
    chair_rule: Rule | None = None  # the group's own rule the chair reminder quotes
    # Why a post exists, where the file cites a document for it (e.g. the survey question).
    sources: tuple[tuple[PostKind, SourceRef], ...] = ()

    def source(self, kind: PostKind) -> SourceRef | None:
        return next((s for k, s in self.sources if k is kind), None)


BUILT_IN = GroupRules(notice_days_before=7, reminder_days_before=1)


@dataclass(frozen=True)
class DeliveryRules:
    by_group: dict[tuple[str, str], GroupRules] = field(default_factory=dict)

    def for_group(self, group: Group) -> GroupRules:
        return self.by_group.get((group.region, group.key), BUILT_IN)


# post key in the file -> (the fields it may have, the PostKind it stands for)
_POSTS: dict[str, tuple[tuple[str, ...], PostKind]] = {
    "notice": (("days_before", "source"), PostKind.NOTICE),
    "agenda_check": (("days_before", "source"), PostKind.AGENDA_MISSING),
    "reminder": (("days_before", "source"), PostKind.REMINDER),
    "minutes_request": (("days_after", "source"), PostKind.MINUTES_REQUEST),
    "approval": (
        ("days_after", "deadline_days", "reminder_days_before", "approvers", "source"),
        PostKind.APPROVAL,
    ),
    "published": (("source",), PostKind.MINUTES_PUBLISHED),
    "chair_reminder": (("days_after", "rule"), PostKind.CHAIR_REMINDER),
}
_LAYER_KEYS = ("send_time", *_POSTS)
# Rules of a group a chair reminder may quote (fields of `Group` holding a `Rule`).
_CITABLE = ("minutes", "secretary", "chair", "reports_to")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

# One post in one layer: (place in the file, its fields) or (place, None) when turned off.
_Setting = tuple[str, dict[str, object] | None]


@dataclass
class _Layer:
    send_time: tuple[str, time] | None = None
    posts: dict[str, _Setting] = field(default_factory=dict)


def _layer(ctx: Context, value: object, place: str) -> _Layer:
    f = ctx.fields(value, place, _LAYER_KEYS)
    layer = _Layer()
    if f.has("send_time"):
        raw = f.raw("send_time")
        match = _TIME.match(raw.strip()) if isinstance(raw, str) else None
        if match is None:
            # YAML reads an unquoted 8:00 as the number 480, hence the hint about quotes.
            f.report("send_time", f'expected a time in quotes like "08:00", got {raw!r}')
        else:
            layer.send_time = (f.at("send_time"), time(int(match[1]), int(match[2])))
    for key, (allowed, _kind) in _POSTS.items():
        raw = f.raw(key)
        if raw is None:
            continue
        if raw is False:
            layer.posts[key] = (f.at(key), None)
        elif raw is True:
            layer.posts[key] = (f.at(key), {})
        else:
            layer.posts[key] = (f.at(key), _post_fields(ctx, raw, f.at(key), allowed))
    return layer


def _post_fields(
    ctx: Context, raw: object, place: str, allowed: tuple[str, ...]
) -> dict[str, object]:
    p = ctx.fields(raw, place, allowed)
    out: dict[str, object] = {}
    limits = {"days_before": (1, 60), "days_after": (1, 60), "deadline_days": (1, 60)}
    for name, (low, high) in limits.items():
        if name in allowed and p.has(name):
            # Kept even when invalid (None), so the problem is not reported again as missing.
            out[name] = p.integer(name, minimum=low, maximum=high)
    if "reminder_days_before" in allowed and "reminder_days_before" in p.data:
        # null turns an inherited approval reminder off.
        out["reminder_days_before"] = p.integer("reminder_days_before", minimum=1, maximum=59)
    if "approvers" in allowed and p.has("approvers"):
        roles = []
        for name in p.strings("approvers"):
            try:
                roles.append(Role(name))
            except ValueError:
                known = ", ".join(r.value for r in Role)
                p.report("approvers", f"unknown role '{name}' (known: {known})")
        out["approvers"] = tuple(roles)
    if "rule" in allowed and p.has("rule"):
        name = p.text("rule")
        if name not in _CITABLE:
            p.report("rule", f"'{name}' is not a group rule (one of: {', '.join(_CITABLE)})")
        else:
            out["rule"] = name
    if "source" in allowed and p.has("source"):
        source = ctx.source(p.raw("source"), p.at("source"))
        if source is not None:
            out["source"] = source
    return out


def _merge(layers: list[_Layer]) -> tuple[time, dict[str, _Setting]]:
    send_time = time(8, 0)
    posts: dict[str, _Setting] = {}
    for layer in layers:
        if layer.send_time is not None:
            send_time = layer.send_time[1]
        for key, (place, values) in layer.posts.items():
            if values is None:
                posts[key] = (place, None)
            else:
                earlier = posts.get(key, ("", {}))[1] or {}
                posts[key] = (place, {**earlier, **values})
    return send_time, posts


def _resolve(
    ctx: Context, group: Group, office: str, send_time: time, posts: dict[str, _Setting]
) -> GroupRules:
    def need(key: str, name: str) -> int | None:
        place, values = posts.get(key, ("", None))
        if values is None:
            return None
        value = values.get(name)
        if name not in values:
            ctx.problems.add(ctx.file, place, f"{name} missing for group '{group.key}'")
        return value if isinstance(value, int) else None

    def where(key: str) -> str:
        return f"{posts[key][0]} (group '{group.key}')"

    notice, agenda = need("notice", "days_before"), need("agenda_check", "days_before")
    if notice is not None and agenda is not None and agenda <= notice:
        # The notice carries the agenda link, so the office must be asked before it goes out.
        ctx.problems.add(
            ctx.file, where("agenda_check"),
            f"days_before ({agenda}) must be more than notice.days_before ({notice})",
        )  # fmt: skip
    if agenda is not None and not office:
        ctx.problems.add(ctx.file, where("agenda_check"), "region.yaml names no office to remind")
    approval = None
    if (values := posts.get("approval", ("", None))[1]) is not None:
        days, deadline = need("approval", "days_after"), need("approval", "deadline_days")
        remind = values.get("reminder_days_before")
        if isinstance(remind, int) and deadline is not None and remind >= deadline:
            ctx.problems.add(
                ctx.file, where("approval"),
                f"reminder_days_before ({remind}) must be less than deadline_days ({deadline})",
            )  # fmt: skip
        approvers = values.get("approvers") or (Role.CHAIR,)
        if days is not None and deadline is not None and isinstance(approvers, tuple):
            approval = Approval(
                days, deadline, remind if isinstance(remind, int) else None, approvers
            )
    chair_days, chair_rule = need("chair_reminder", "days_after"), None
    if chair_days is not None:
        name = (posts["chair_reminder"][1] or {}).get("rule")
        chair_rule = getattr(group, str(name), None) if name else None
        if not name:
            ctx.problems.add(ctx.file, where("chair_reminder"), "rule missing (e.g. minutes)")
        elif not isinstance(chair_rule, Rule):
            ctx.problems.add(
                ctx.file, where("chair_reminder"),
                f"the group has no '{name}' rule in groups.yaml to cite; turn the reminder off"
                " for it (chair_reminder: false) or cite another rule",
            )  # fmt: skip
            chair_rule = None
    sources: list[tuple[PostKind, SourceRef]] = []
    for key, (_place, values) in posts.items():
        if values is not None and isinstance(source := values.get("source"), SourceRef):
            sources.append((_POSTS[key][1], source))
    return GroupRules(
        send_time=send_time,
        notice_days_before=notice,
        agenda_days_before=agenda,
        reminder_days_before=need("reminder", "days_before"),
        minutes_request_days_after=need("minutes_request", "days_after"),
        approval=approval,
        published=posts.get("published", ("", None))[1] is not None,
        chair_reminder_days_after=chair_days if chair_rule is not None else None,
        chair_rule=chair_rule,
        sources=tuple(sources),
    )


def _read_region(
    path: Path, root: Path, governance: Governance, key: str, problems: Problems
) -> dict[tuple[str, str], GroupRules]:
    data = governance.region(key)
    assert data is not None
    sections = {
        doc.key: frozenset(s.key for s in doc.sections)
        for region in governance.regions
        for doc in region.documents
    }
    ctx = Context(file_label(path, root), problems, sections)
    raw = read_yaml(path, ctx.file, problems)
    if raw is None:
        return {}
    top = ctx.fields(raw, "", ("defaults", "kinds", "groups"))
    defaults = _layer(ctx, top.raw("defaults") or {}, "defaults")
    kinds = _named_layers(ctx, top, "kinds", {k.value for k in GroupKind}, "group kind")
    groups = _named_layers(ctx, top, "groups", {g.key for g in data.groups}, "group in groups.yaml")
    resolved = {}
    for group in data.groups:
        layers = [defaults]
        layers += [kinds[group.kind.value]] if group.kind.value in kinds else []
        layers += [groups[group.key]] if group.key in groups else []
        send_time, posts = _merge(layers)
        office = data.region.office_name
        resolved[(key, group.key)] = _resolve(ctx, group, office, send_time, posts)
    return resolved


def _named_layers(
    ctx: Context, top: Fields, key: str, known: set[str], what: str
) -> dict[str, _Layer]:
    raw = top.raw(key)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        top.report(key, "expected a mapping of names to settings")
        return {}
    layers = {}
    for name, value in raw.items():
        if str(name) not in known:
            top.report(f"{key}.{name}", f"no {what} '{name}' (known: {', '.join(sorted(known))})")
            continue
        layers[str(name)] = _layer(ctx, value, f"{key}.{name}")
    return layers


def load_delivery_rules(data_dir: Path, governance: Governance) -> DeliveryRules:
    """Every region's delivery.yaml (root is the `data` folder); raises DataError listing all
    problems. A region without the file gets `BUILT_IN` for all its groups."""
    problems = Problems()
    by_group: dict[tuple[str, str], GroupRules] = {}
    for data in governance.regions:
        path = data_dir / "regions" / data.region.key / "delivery.yaml"
        if path.is_file():
            by_group.update(_read_region(path, data_dir, governance, data.region.key, problems))
    problems.raise_if_any()
    return DeliveryRules(by_group)

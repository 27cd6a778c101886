"""delivery.yaml: the real files load, layers override field by field, and a broken copy gives
errors that name the file, the place and the problem."""

from __future__ import annotations

import shutil
from datetime import time
from functools import cache
from pathlib import Path

import pytest

from bot.domain.delivery_rules import (
    BUILT_IN,
    DeliveryRules,
    GroupRules,
    PostKind,
    load_delivery_rules,
)
from bot.domain.loader import load_governance
from bot.domain.model import Governance, Group, Role, SourceRef
from bot.domain.validation import DataError

DATA = Path(__file__).resolve().parents[2] / "data"
SA = "regions/sodra-alvsborg/delivery.yaml"
SA_FILE = f"data/{SA}"


@cache
def governance() -> Governance:
    return load_governance(DATA)


def group(region: str, key: str) -> Group:
    found = governance().group(region, key)
    assert found is not None
    return found


def rules_of(region: str, key: str, rules: DeliveryRules) -> GroupRules:
    return rules.for_group(group(region, key))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_delivery_rules(root, governance())
    return list(info.value.problems)


def test_the_real_files_load_and_cite_the_groups_own_minutes_rules() -> None:
    rules = load_delivery_rules(DATA, governance())
    sa = group("sodra-alvsborg", "uppdragsgrupper")
    assert sa.minutes is not None
    commissioned = rules.for_group(sa)
    # The reminder quotes the sentence of groups.yaml itself, not a copy that could drift.
    assert commissioned.chair_rule == sa.minutes
    assert "mailas till Närvårdskontoret" in commissioned.chair_rule.text
    assert commissioned.chair_reminder_days_after == 1
    assert commissioned.agenda_days_before is None  # the office does not prepare their agenda
    local = rules.for_group(group("sodra-alvsborg", "llg-boras"))
    assert local.chair_rule is not None and "mejlas" in local.chair_rule.text
    # No rule about notes for local working groups: no chair reminder.
    working = rules.for_group(group("sodra-alvsborg", "lokala-arbetsgrupper"))
    assert working.chair_reminder_days_after is None
    fyrbodal = rules.for_group(group("fyrbodal", "delregionala-utvecklingsgrupper"))
    assert fyrbodal.chair_rule is not None and "Vårdsamverkans kansli" in fyrbodal.chair_rule.text


def test_defaults_and_kinds_are_layered() -> None:
    rules = load_delivery_rules(DATA, governance())
    steering = rules.for_group(group("sodra-alvsborg", "styrgrupp"))
    assert steering.send_time == time(8, 0)
    assert (steering.notice_days_before, steering.agenda_days_before) == (7, 8)
    assert steering.reminder_days_before == 1
    assert steering.approval is not None
    assert steering.approval.approvers == (Role.CHAIR,)
    assert steering.source(PostKind.NOTICE) == SourceRef("sa-narvardssamverkan", "mal")
    office = rules.for_group(group("sodra-alvsborg", "kansli"))
    assert office.notice_days_before is None and not office.published
    skaraborg = rules.for_group(group("skaraborg", "styrgrupp"))
    assert skaraborg.agenda_days_before is None  # Skaraborg names no office to remind


def test_a_group_overrides_one_field_and_keeps_the_rest(data: Path) -> None:
    path = data / SA
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "groups: {}", "groups:\n  styrgrupp:\n    notice: {days_before: 10}\n"
            "    agenda_check: {days_before: 12}\n    approval: {reminder_days_before: null}\n"
        ),
        encoding="utf-8",
    )  # fmt: skip
    rules = load_delivery_rules(data, governance())
    steering = rules.for_group(group("sodra-alvsborg", "styrgrupp"))
    assert steering.notice_days_before == 10
    assert steering.source(PostKind.NOTICE) == SourceRef("sa-narvardssamverkan", "mal")
    assert steering.approval is not None and steering.approval.reminder_days_before is None
    assert steering.approval.deadline_days == 7


def test_a_region_without_the_file_gets_the_built_in_rules(data: Path) -> None:
    (data / "regions/skaraborg/delivery.yaml").unlink()
    rules = load_delivery_rules(data, governance())
    assert rules_of("skaraborg", "au", rules) == BUILT_IN
    assert BUILT_IN.notice_days_before == 7 and BUILT_IN.reminder_days_before == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "groups:\n  styrgruppen: {notice: false}\n",
            f"{SA_FILE}: groups.styrgruppen: no group in groups.yaml 'styrgruppen'",
        ),
        ("kinds:\n  styrgrupper: {}\n", f"{SA_FILE}: kinds.styrgrupper: no group kind"),
        ("defaults:\n  kallelse: {days_before: 7}\n", "defaults.kallelse: unknown key 'kallelse'"),
        (
            "defaults:\n  notice: {days_before: sju}\n",
            "defaults.notice.days_before: expected a whole number, got text 'sju'",
        ),
        (
            "defaults:\n  notice: {days_before: 0}\n",
            "defaults.notice.days_before: must be at least 1",
        ),
        (
            "defaults:\n  send_time: 8:00\n",
            'defaults.send_time: expected a time in quotes like "08:00", got 480',
        ),
        ("defaults:\n  notice: {}\n", "defaults.notice: days_before missing for group 'dps'"),
        (
            "defaults:\n  chair_reminder: {days_after: 1, rule: minutes}\n",
            "defaults.chair_reminder (group 'presidium'): the group has no 'minutes' rule",
        ),
        (
            "defaults:\n  chair_reminder: {days_after: 1, rule: protokoll}\n",
            "defaults.chair_reminder.rule: 'protokoll' is not a group rule",
        ),
        (
            "defaults:\n  notice: {days_before: 7}\n  agenda_check: {days_before: 7}\n",
            "defaults.agenda_check (group 'dps'): days_before (7) must be more than notice",
        ),
        (
            "defaults:\n  approval: {days_after: 7, deadline_days: 3, reminder_days_before: 3,"
            " approvers: [justerare]}\n",
            "defaults.approval.approvers: unknown role 'justerare'",
        ),
        (
            "defaults:\n  approval: {days_after: 7, deadline_days: 3, reminder_days_before: 3}\n",
            "reminder_days_before (3) must be less than deadline_days (3)",
        ),
        (
            "defaults:\n  notice: {days_before: 7, source: sa-narvardssamverkan#enkat}\n",
            "defaults.notice.source: document 'sa-narvardssamverkan' has no section 'enkat'",
        ),
        ("defaults: [notice]\n", "defaults: expected a mapping"),
    ],
)
def test_errors_name_file_place_and_problem(data: Path, text: str, expected: str) -> None:
    write(data, SA, text)
    found = problems_of(data)
    assert any(expected in p for p in found), found
    assert all(p.startswith(SA_FILE) for p in found), found


def test_an_office_reminder_needs_an_office(data: Path) -> None:
    write(data, "regions/skaraborg/delivery.yaml", "defaults:\n  agenda_check: {days_before: 8}\n")
    found = problems_of(data)
    assert any(
        "skaraborg/delivery.yaml: defaults.agenda_check (group 'styrgrupp'): region.yaml names no"
        " office" in p
        for p in found
    ), found


def test_not_yaml_is_reported_with_its_line(data: Path) -> None:
    write(data, SA, "defaults:\n  notice: {days_before: 7\n")
    assert any(p.startswith(f"{SA_FILE}: line ") for p in problems_of(data))

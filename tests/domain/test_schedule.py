"""What is due when, on concrete Swedish dates (weekends, holidays, midsummer, Easter, DST),
and the activities dialogs/notices.py builds for the planned posts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.domain.delivery_rules import (
    BUILT_IN,
    Approval,
    DeliveryRules,
    GroupRules,
    PostKind,
    load_delivery_rules,
)
from bot.domain.loader import load_governance
from bot.domain.model import Governance, Group, GroupKind, Meeting, Role, Rule, SourceRef
from bot.domain.questions import Language
from bot.domain.schedule import (
    STOCKHOLM,
    Condition,
    PlannedPost,
    Target,
    due_posts,
    is_due,
    is_working_day,
    next_working_day,
    previous_working_day,
    to_post,
    working_day_before,
)
from dialogs.notices.cards import NoticeContext, activity_for

DATA = Path(__file__).resolve().parents[2] / "data"
TZ = STOCKHOLM
RULE = Rule("Uppdragsgruppens minnesanteckningar mailas …", SourceRef("sa", "uppdragsgrupp"))
STEERING = GroupRules(
    notice_days_before=7,
    agenda_days_before=8,
    reminder_days_before=1,
    minutes_request_days_after=1,
    approval=Approval(7, 7, 2, (Role.CHAIR,)),
    published=True,
)
COMMISSIONED = GroupRules(
    notice_days_before=7,
    reminder_days_before=1,
    published=True,
    chair_reminder_days_after=1,
    chair_rule=RULE,
)
GROUP = Group(key="styrgrupp", region="sodra-alvsborg", kind=GroupKind.STEERING_GROUP, name="S")


def at(day: str, clock: str = "08:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=TZ)


def meeting(day: str, start: str = "13:00", end: str | None = "15:00", **kw: str) -> Meeting:
    return Meeting(
        id=1,
        region="sodra-alvsborg",
        group="styrgrupp",
        start=at(day, start),
        end=at(day, end) if end else None,
        uid="m1",
        **kw,
    )


def plan(m: Meeting, rules: GroupRules = STEERING) -> dict[PostKind, PlannedPost]:
    return {p.kind: p for p in due_posts(m, GROUP, rules, TZ)}


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2027-01-05", True),  # trettondagsafton: a half day, still a working day
        ("2027-01-06", False),  # trettondedag jul
        ("2026-06-19", False),  # midsommarafton (added here: not a public holiday in law)
        ("2026-12-24", False),  # julafton (added)
        ("2026-12-31", False),  # nyårsafton (added)
        ("2026-12-28", True),
        ("2027-03-25", True),  # skärtorsdagen
        ("2027-03-26", False),  # långfredagen
        ("2027-03-29", False),  # annandag påsk
        ("2027-05-06", False),  # Kristi himmelsfärdsdag
        ("2027-05-07", True),  # klämdag: a working day
        ("2026-06-06", False),  # nationaldagen (a Saturday anyway)
        ("2027-06-25", False),  # midsommarafton 2027
        ("2026-11-14", False),  # a Saturday
    ],
)
def test_working_days(day: str, working: bool) -> None:
    assert is_working_day(date.fromisoformat(day)) is working


def test_working_day_helpers() -> None:
    easter_tuesday = date(2027, 3, 30)
    assert working_day_before(easter_tuesday) == date(2027, 3, 25)  # over Easter
    assert previous_working_day(easter_tuesday) == easter_tuesday
    assert previous_working_day(date(2027, 3, 29)) == date(2027, 3, 25)
    assert next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)
    assert working_day_before(date(2026, 12, 28)) == date(2026, 12, 23)  # over Christmas


@pytest.mark.parametrize(
    ("meeting_day", "notice_day", "reminder_day"),
    [
        # Tuesday; 7 days before is trettondagsafton, a working day.
        ("2027-01-12", "2027-01-05", "2027-01-11"),
        # 7 days before is trettondedag jul (Wednesday): the Tuesday before.
        ("2027-01-13", "2027-01-05", "2027-01-12"),
        # Tuesday after Christmas: notice 22 December; reminder on Monday 28th.
        ("2026-12-29", "2026-12-22", "2026-12-28"),
        # Monday after Christmas: the reminder goes back past Sunday, annandag, juldagen
        # and julafton to Wednesday 23 December.
        ("2026-12-28", "2026-12-21", "2026-12-23"),
        # 7 days before is nyårsafton: the 30th; the reminder skips trettondedag jul.
        ("2027-01-07", "2026-12-30", "2027-01-05"),
        # Midsummer: 7 days before is midsommarafton (Friday 19 June 2026): Thursday.
        ("2026-06-26", "2026-06-18", "2026-06-25"),
        ("2026-06-22", "2026-06-15", "2026-06-18"),
        # Easter 2027: Tuesday after annandag påsk; the reminder on skärtorsdagen.
        ("2027-03-30", "2027-03-23", "2027-03-25"),
        # 7 days before is långfredagen.
        ("2027-04-02", "2027-03-25", "2027-04-01"),
        # 7 days before is Kristi himmelsfärdsdag.
        ("2027-05-13", "2027-05-05", "2027-05-12"),
        # Plain Monday: notice the Monday before, reminder on Friday.
        ("2026-11-16", "2026-11-09", "2026-11-13"),
    ],
)
def test_notice_and_reminder(meeting_day: str, notice_day: str, reminder_day: str) -> None:
    posts = plan(meeting(meeting_day))
    assert posts[PostKind.NOTICE].due_at == at(notice_day)
    assert posts[PostKind.NOTICE].target is Target.GROUP
    assert posts[PostKind.REMINDER].due_at == at(reminder_day)


def test_expiry_notice_at_start_reminder_at_end() -> None:
    m = meeting("2027-01-12")
    posts = plan(m)
    assert posts[PostKind.NOTICE].expires_at == m.start
    assert posts[PostKind.AGENDA_MISSING].expires_at == m.start
    assert posts[PostKind.REMINDER].expires_at == m.end
    notice = posts[PostKind.NOTICE]
    assert is_due(notice, m, at("2027-01-05", "08:00"))
    assert not is_due(notice, m, at("2027-01-05", "07:59"))
    assert is_due(notice, m, at("2027-01-12", "12:59"))  # late, but still before the meeting
    assert not is_due(notice, m, at("2027-01-12", "13:00"))
    assert is_due(posts[PostKind.REMINDER], m, at("2027-01-12", "14:00"))
    assert not is_due(posts[PostKind.REMINDER], m, at("2027-01-12", "15:00"))


def test_agenda_check_goes_to_the_office_only_while_the_agenda_is_missing() -> None:
    m = meeting("2027-01-12")
    check = plan(m)[PostKind.AGENDA_MISSING]
    assert (check.due_at, check.target) == (at("2027-01-04"), Target.OFFICE)
    assert check.condition is Condition.AGENDA_MISSING
    with_agenda = meeting("2027-01-12", agenda_url="https://example.invalid/agenda.pdf")
    assert PostKind.AGENDA_MISSING not in plan(with_agenda)
    # Planned before the link came: the worker's check at sending time drops it.
    assert not is_due(check, with_agenda, at("2027-01-04", "09:00"))


def test_after_the_meeting_posts_move_forward() -> None:
    # Thursday 2027-03-25: the next day is långfredagen, then Easter: Tuesday 30 March.
    m = meeting("2027-03-25")
    posts = plan(m)
    request = posts[PostKind.MINUTES_REQUEST]
    assert (request.due_at, request.target) == (at("2027-03-30"), Target.SECRETARY)
    chair = plan(m, COMMISSIONED)[PostKind.CHAIR_REMINDER]
    assert (chair.due_at, chair.target) == (at("2027-03-30"), Target.CHAIR)
    assert chair.expires_at == chair.due_at + timedelta(days=30)
    # A Friday meeting: not the Saturday, and never moved back to before the meeting.
    friday = plan(meeting("2026-11-13"), COMMISSIONED)[PostKind.CHAIR_REMINDER]
    assert friday.due_at == at("2026-11-16")


def test_approval_deadline_and_reminder() -> None:
    posts = plan(meeting("2027-01-12"))
    approval = posts[PostKind.APPROVAL]
    assert approval.due_at == at("2027-01-19")
    assert approval.target is Target.APPROVERS
    assert approval.deadline == date(2027, 1, 26)
    assert approval.expires_at == at("2027-01-27", "00:00")
    reminder = posts[PostKind.APPROVAL_REMINDER]
    # Two days before the deadline is Sunday 24th: the Friday before.
    assert reminder.due_at == at("2027-01-22")
    assert reminder.deadline == approval.deadline


def test_approval_reminder_is_left_out_when_it_would_not_come_after_the_approval() -> None:
    tight = GroupRules(approval=Approval(days_after=1, deadline_days=1, reminder_days_before=1,
                                         approvers=(Role.CHAIR,)))  # fmt: skip
    posts = plan(meeting("2027-01-12"), tight)
    assert set(posts) == {PostKind.APPROVAL}


def test_minutes_registered_replaces_the_chasers_with_the_published_post() -> None:
    m = meeting("2027-01-12")
    assert PostKind.MINUTES_PUBLISHED not in plan(m)
    done = meeting("2027-01-12", minutes_url="https://example.invalid/protokoll.pdf")
    posts = plan(done)
    assert PostKind.MINUTES_REQUEST not in posts and PostKind.APPROVAL not in posts
    published = posts[PostKind.MINUTES_PUBLISHED]
    assert published.due_at == done.end and published.target is Target.GROUP
    assert is_due(published, done, at("2027-02-20", "10:00"))
    assert not is_due(published, done, at("2027-04-13", "10:00"))  # 90 days on: old news


def test_daylight_saving_time_is_local() -> None:
    # Summer time starts 29 March 2026: the notice is 08.00 CET, the meeting 13.00 CEST.
    posts = plan(meeting("2026-03-31"))
    assert posts[PostKind.NOTICE].due_at.astimezone(UTC) == datetime(2026, 3, 24, 7, tzinfo=UTC)
    assert posts[PostKind.REMINDER].due_at.astimezone(UTC) == datetime(2026, 3, 30, 6, tzinfo=UTC)


def test_a_meeting_without_an_end_and_in_utc() -> None:
    m = Meeting(1, "sodra-alvsborg", "styrgrupp", datetime(2027, 1, 12, 12, tzinfo=UTC), uid="x")
    posts = plan(m)
    assert posts[PostKind.NOTICE].due_at == at("2027-01-05")
    assert posts[PostKind.REMINDER].expires_at == m.start


def test_posts_are_sorted_and_keys_are_stable_per_meeting_and_time() -> None:
    m = meeting("2027-01-12")
    posts = due_posts(m, GROUP, STEERING, TZ)
    assert [p.due_at for p in posts] == sorted(p.due_at for p in posts)
    keys = {p.key(m) for p in posts}
    assert len(keys) == len(posts)
    assert posts[0].key(m) == "dagordning-saknas:sodra-alvsborg:styrgrupp:m1:20270112T1200Z"
    moved = meeting("2027-01-12", start="14:00")
    assert posts[0].key(moved) != posts[0].key(m)


def test_every_day_of_two_years() -> None:
    for offset in range(730):
        day = date(2026, 1, 1) + timedelta(days=offset)
        posts = plan(meeting(day.isoformat()))
        notice = posts[PostKind.NOTICE].due_at
        assert is_working_day(notice.date())
        assert notice.date() <= day - timedelta(days=7)
        # Moved back only over non-working days: never more than a long holiday.
        assert notice.date() >= day - timedelta(days=12)
        reminder = posts[PostKind.REMINDER].due_at.date()
        assert reminder == working_day_before(day)
        assert all(is_working_day(reminder + timedelta(days=n)) is False
                   for n in range(1, (day - reminder).days))  # fmt: skip
        request = posts[PostKind.MINUTES_REQUEST].due_at
        assert request > at(day.isoformat(), "15:00") and is_working_day(request.date())


@cache
def governance() -> Governance:
    return load_governance(DATA)


def test_with_the_real_rules() -> None:
    rules: DeliveryRules = load_delivery_rules(DATA, governance())
    group = governance().group("sodra-alvsborg", "uppdragsgrupper")
    assert group is not None
    m = Meeting(1, "sodra-alvsborg", "uppdragsgrupper", at("2027-01-12", "09:00"), uid="u")
    kinds = [p.kind for p in due_posts(m, group, rules)]
    assert kinds == [PostKind.NOTICE, PostKind.REMINDER, PostKind.CHAIR_REMINDER]


# The planned posts as the activities the outbox sends (dialogs/notices.py).


def _card(activity: dict[str, Any]) -> dict[str, Any]:
    assert activity["type"] == "message"
    (attachment,) = activity["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    content: dict[str, Any] = attachment["content"]
    assert content["version"] == "1.5"
    json.dumps(activity)  # sent as JSON as it is
    return content


def _buttons(content: dict[str, Any]) -> dict[str, str]:
    return {a["title"]: a["url"] for a in content.get("actions", [])}


def test_every_planned_post_becomes_a_swedish_card() -> None:
    rules = load_delivery_rules(DATA, governance())
    group = governance().group("sodra-alvsborg", "styrgrupp")
    assert group is not None
    m = Meeting(
        7, "sodra-alvsborg", "styrgrupp", at("2027-01-12", "13:00"), at("2027-01-12", "15:00"),
        location="Borås, Sjuhärads kommunalförbund", teams_url="https://teams.invalid/m",
        uid="u7",
    )  # fmt: skip
    ctx = NoticeContext(governance(), group, calendar_url="https://bot.invalid/c.ics")
    posts = {p.kind: p for p in due_posts(m, group, rules)}
    notice = activity_for(posts[PostKind.NOTICE], m, ctx)
    content = _card(notice)
    assert notice["text"].startswith("Kallelse: Styrgrupp närvård")
    assert "Tid: tisdag 12 januari kl. 13.00–15.00" in notice["text"]
    assert "Plats: Borås, Sjuhärads kommunalförbund" in notice["text"]
    assert "Dagordning: kommer senare" in notice["text"]
    assert _buttons(content) == {
        "Anslut till mötet": "https://teams.invalid/m",
        "Lägg till gruppens kalender": "https://bot.invalid/c.ics",
    }
    missing = activity_for(posts[PostKind.AGENDA_MISSING], m, ctx, notice_due=at("2027-01-05"))
    assert "Kallelsen går ut tisdag 5 januari kl. 08.00" in missing["text"]
    approval = activity_for(posts[PostKind.APPROVAL], m, ctx, approvers=["Anna A", "Bo B"])
    assert "Justera senast: tisdag 26 januari" in approval["text"]
    assert "Justerare: Anna A och Bo B" in approval["text"]
    later = activity_for(posts[PostKind.APPROVAL_REMINDER], m, ctx)
    assert "ska vara justerat senast tisdag 26 januari" in later["text"]
    assert "Skriv protokollet" in activity_for(posts[PostKind.MINUTES_REQUEST], m, ctx)["text"]
    assert "Glöm inte mötet" in activity_for(posts[PostKind.REMINDER], m, ctx)["text"]
    done = replace(m, minutes_url="https://example.invalid/p.pdf", agenda_url="https://a.invalid")
    (published,) = [p for p in due_posts(done, group, rules) if p.kind.value.endswith("publicerat")]
    content = _card(activity_for(published, done, ctx))
    assert _buttons(content) == {"Öppna protokollet": "https://example.invalid/p.pdf"}


def test_the_chair_reminder_quotes_the_groups_rule_with_its_source() -> None:
    rules = load_delivery_rules(DATA, governance())
    group = governance().group("sodra-alvsborg", "uppdragsgrupper")
    assert group is not None
    m = Meeting(8, "sodra-alvsborg", "uppdragsgrupper", at("2027-01-12", "09:00"), uid="u8")
    (post,) = [p for p in due_posts(m, group, rules) if p.target is Target.CHAIR]
    ctx = NoticeContext(governance(), group)
    activity = activity_for(post, m, ctx, chair_rule=rules.for_group(group).chair_rule)
    _card(activity)
    text = activity["text"]
    assert "skicka protokollet eller minnesanteckningarna till Närvårdskontoret" in text
    assert (
        "”Uppdragsgruppens minnesanteckningar mailas till Närvårdskontoret för publicering på"
        " hemsidan.”" in text
    )
    assert "Källa: " in text and "Uppdragsgrupp" in text
    with pytest.raises(ValueError):
        activity_for(post, m, ctx)


def test_english_cards() -> None:
    group = governance().group("fyrbodal", "styrgrupp")
    assert group is not None
    m = Meeting(9, "fyrbodal", "styrgrupp", at("2027-01-12", "13:00"), uid="u9")
    (notice,) = [p for p in due_posts(m, group, BUILT_IN) if p.kind is PostKind.NOTICE]
    activity = activity_for(notice, m, NoticeContext(governance(), group, language=Language.EN))
    assert "Time: Tuesday 12 January at 13:00" in activity["text"]
    assert "Agenda: to follow" in activity["text"]


def test_to_post_for_the_outbox() -> None:
    m = meeting("2027-01-12")
    notice = plan(m)[PostKind.NOTICE]
    post = to_post(notice, m, "19:abc@thread.tacv2", {"type": "message", "text": "x"})
    assert post.key == f"{notice.key(m)}:19:abc@thread.tacv2"
    assert post.due_at == datetime(2027, 1, 5, 7, tzinfo=UTC) and post.due_at.tzinfo is UTC
    assert post.expires_at == m.start
    assert (post.kind, post.meeting_id, post.group) == ("kallelse", 1, "styrgrupp")

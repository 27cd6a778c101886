"""Survey rounds without a database: dates, validation, k-anonymous results, reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.survey_rounds import (
    MAX_COMMENT,
    Answer,
    Choice,
    Invitation,
    Refusal,
    RoundState,
    SurveyRound,
    Tally,
    due_reminder,
    next_opening,
    opening_day,
    read_answers,
    results,
    retention_cutoff,
    scheduled_times,
    tallies_of,
    to_remind,
)

TZ = ZoneInfo("Europe/Stockholm")
OPENS, CLOSES = scheduled_times(date(2026, 8, 3), TZ)
ROUND = SurveyRound(1, "sodra-alvsborg", "Enkät", "augusti 2026", OPENS, CLOSES, ("a", "b"))
ME = Invitation(1, 7, ("a",), ("styrgrupp",))
NOW = OPENS + timedelta(days=1)


def test_opening_days_are_first_working_days_of_august_and_december() -> None:
    assert opening_day(2026, 8) == date(2026, 8, 3)  # 1–2 August 2026 is a weekend
    assert opening_day(2026, 12) == date(2026, 12, 1)
    assert next_opening(date(2026, 8, 4)) == date(2026, 12, 1)
    assert next_opening(date(2026, 12, 2)) == date(2027, 8, 2)


def test_round_closes_after_the_set_number_of_days() -> None:
    opens, closes = scheduled_times(date(2026, 8, 3), TZ, 21)
    assert opens == datetime(2026, 8, 3, 8, 0, tzinfo=TZ)
    assert closes.date() == date(2026, 8, 24)
    assert ROUND.is_open(NOW) and not ROUND.is_open(CLOSES) and not ROUND.is_open(OPENS - DAY)
    closed = SurveyRound(1, "r", "t", "p", OPENS, CLOSES, ("a",), RoundState.CLOSED)
    assert not closed.is_open(NOW)


DAY = timedelta(days=1)


def test_valid_answers_are_read_and_other_fields_ignored() -> None:
    value = {"action": "survey_answer", "round": 1, "q_a": "delvis", "c_a": " ok ", "person": 99}
    answers, refusal = read_answers(ROUND, ME, value, NOW)
    assert refusal is None
    assert [(a.question_key, a.choice, a.comment) for a in answers] == [("a", Choice.PARTLY, "ok")]


@pytest.mark.parametrize(
    ("invitation", "value", "now", "refusal"),
    [
        (None, {"q_a": "ja"}, NOW, Refusal.NOT_INVITED),
        (ME, {"q_a": "ja"}, CLOSES, Refusal.NOT_OPEN),
        (ME, {"q_a": "kanske"}, NOW, Refusal.INVALID_CHOICE),
        (ME, {}, NOW, Refusal.MISSING_CHOICE),
        (ME, {"q_a": "ja", "q_b": "nej"}, NOW, Refusal.UNKNOWN_QUESTION),
        (ME, {"q_a": "ja", "c_a": "x" * (MAX_COMMENT + 1)}, NOW, Refusal.COMMENT_TOO_LONG),
        (ME, {"q_a": "ja", "c_a": ["lista"]}, NOW, Refusal.INVALID_CHOICE),
    ],
)
def test_refusals(
    invitation: Invitation | None, value: dict[str, object], now: datetime, refusal: Refusal
) -> None:
    assert read_answers(ROUND, invitation, value, now) == ([], refusal)


def _responses(key: str, choices: list[Choice], groups: tuple[str, ...]) -> list[Tally]:
    """As the store counts them: each person adds one for everyone and one per group."""
    return [t for c in choices for t in tallies_of([Answer(key, c)], groups)]


def test_results_hide_fewer_than_five_and_show_change() -> None:
    many = _responses("a", [Choice.YES] * 4 + [Choice.NO, Choice.DONT_KNOW], ("styrgrupp",))
    few = _responses("b", [Choice.YES] * 4, ("au",))
    earlier = _responses("a", [Choice.YES] * 3 + [Choice.NO] * 3, ("styrgrupp",))
    invitations = [Invitation(1, i, ("a",), ("styrgrupp",), answered=i < 6) for i in range(8)]
    invitations += [Invitation(1, 10 + i, ("b",), ("au",), answered=True) for i in range(4)]
    shown = results(ROUND, invitations, many + few, earlier)
    a, b = shown.questions
    assert a.overall.counts == {Choice.YES: 4, Choice.PARTLY: 0, Choice.NO: 1, Choice.DONT_KNOW: 1}
    assert a.overall.positive_share == pytest.approx(80.0)
    assert a.change == pytest.approx(30.0)
    assert "styrgrupp" in a.by_group
    assert b.overall.suppressed and b.overall.respondents == 4 and b.by_group == {}
    rates = {g.group: g for g in shown.groups}
    assert rates["styrgrupp"].rate == pytest.approx(75.0)
    assert rates["au"].answered is None  # four invited: not shown
    assert shown.invited == 12 and shown.answered == 10


def test_reminders_after_a_week_and_two_days_before_close_to_non_answerers() -> None:
    assert due_reminder(ROUND, OPENS + 6 * DAY) is None
    assert due_reminder(ROUND, OPENS + 7 * DAY) == "7d"
    assert due_reminder(ROUND, CLOSES - DAY) == "2d"
    assert due_reminder(ROUND, CLOSES) is None
    people = [
        Invitation(1, 1, ("a",), ()),
        Invitation(1, 2, ("a",), (), answered=True),
        Invitation(1, 3, ("a",), (), reminders=("7d",)),
        Invitation(1, None, ("a",), ()),
    ]
    assert [i.person_id for i in to_remind(people, "7d")] == [1]
    assert [i.person_id for i in to_remind(people, "2d")] == [1, 3]


def test_retention_cutoff_counts_months_back() -> None:
    now = datetime(2027, 3, 31, 12, tzinfo=UTC)
    assert retention_cutoff(now, 24) == datetime(2025, 3, 28, 12, tzinfo=UTC)
    assert retention_cutoff(now, 3) == datetime(2026, 12, 28, 12, tzinfo=UTC)


def test_a_group_is_not_shown_when_the_rest_could_be_read_off_by_subtraction() -> None:
    # Six answered: five in the steering group, one outside it. The overall figures minus
    # the steering group's would show that one person's answer.
    inside = _responses("a", [Choice.YES] * 5, ("styrgrupp",))
    outside = _responses("a", [Choice.NO], ("au",))
    invitations = [Invitation(1, i, ("a",), (), answered=True) for i in range(6)]
    (a,) = results(ROUND, invitations, inside + outside).questions[:1]
    assert not a.overall.suppressed and a.overall.respondents == 6
    assert a.by_group == {}
    everyone_inside = results(ROUND, invitations, _responses("a", [Choice.YES] * 6, ("dps",)))
    assert "dps" in everyone_inside.questions[0].by_group  # nobody outside: nothing to subtract

"""Survey rounds in chat: when a round opens and closes, what an answer may be, and results.

The office's survey goes out twice a year (the first working day of August and December)
and stays open for a number of days. Each invited person answers their own questions on a
card; answers are stored with no link to who gave them, not even a group combination: only
counts per question and group (`Tally`) and the comments, loose (see `bot.store.surveys`).
Results are shown only where at least `K_MIN` people answered — and a group only where the
rest also number zero or at least `K_MIN`, so no answer can be read off by subtraction.

Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.dates import SV_MONTHS
from bot.domain.schedule import next_working_day

K_MIN = 5  # never show a distribution for fewer respondents than this
MAX_COMMENT = 500
DEFAULT_CLOSE_DAYS = 21
OPENS_AT = time(8, 0)  # the survey card arrives at the start of a working day

CHOICE_PREFIX = "q_"  # the card's Input.ChoiceSet id for question K is "q_K"
COMMENT_PREFIX = "c_"  # and its comment box "c_K"


class Choice(StrEnum):
    YES = "ja"
    PARTLY = "delvis"
    NO = "nej"
    DONT_KNOW = "vet_ej"


CHOICE_LABELS: dict[Choice, str] = {
    Choice.YES: "Ja",
    Choice.PARTLY: "Delvis",
    Choice.NO: "Nej",
    Choice.DONT_KNOW: "Vet ej",
}


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SurveyRound:
    id: int | None
    region: str
    title: str
    period: str  # "augusti 2026"
    opens_at: datetime  # aware
    closes_at: datetime  # aware
    question_keys: tuple[str, ...]
    state: RoundState = RoundState.OPEN

    def is_open(self, now: datetime) -> bool:
        return self.state is RoundState.OPEN and self.opens_at <= now < self.closes_at


@dataclass(frozen=True, slots=True)
class Invitation:
    """Who was asked in a round; the only place identities live (until retention)."""

    round_id: int
    person_id: int | None  # None once retention has removed the identity
    question_keys: tuple[str, ...]
    groups: tuple[str, ...]  # the group keys the person held when invited
    conversation_id: str = ""
    answered: bool = False
    reminders: tuple[str, ...] = ()  # names of the reminders sent ("7d", "2d")
    unreachable: str = ""  # why no card could be sent, for the office


@dataclass(frozen=True, slots=True)
class Answer:
    question_key: str
    choice: Choice
    comment: str = ""


EVERYONE = ""  # the group of a tally over all respondents


@dataclass(frozen=True, slots=True)
class Tally:
    """How many of a group chose what on one question; `EVERYONE` for all respondents.
    A person's answers add one to each of their groups' tallies separately, so no stored
    row holds the combination of groups that could single them out."""

    question_key: str
    group: str
    choice: Choice
    count: int


def tallies_of(answers: Sequence[Answer], groups: Iterable[str]) -> list[Tally]:
    """One person's answers as increments: for everyone and for each of their groups."""
    return [
        Tally(a.question_key, group, a.choice, 1)
        for group in (EVERYONE, *dict.fromkeys(g for g in groups if g != EVERYONE))
        for a in answers
    ]


class Refusal(StrEnum):
    NOT_INVITED = "not_invited"
    NOT_OPEN = "not_open"
    MISSING_CHOICE = "missing_choice"
    INVALID_CHOICE = "invalid_choice"
    UNKNOWN_QUESTION = "unknown_question"
    COMMENT_TOO_LONG = "comment_too_long"


# -- when ----------------------------------------------------------------------------------


def opening_day(year: int, month: int) -> date:
    return next_working_day(date(year, month, 1))


def next_opening(after: date, months: Sequence[int] = (8, 12)) -> date:
    """The first opening day on or after `after` (the first working day of a survey month)."""
    for year in (after.year, after.year + 1):
        for month in sorted(months):
            day = opening_day(year, month)
            if day >= after:
                return day
    raise ValueError(f"no survey months in {months!r}")


def period_label(day: date) -> str:
    return f"{SV_MONTHS[day.month - 1]} {day.year}"


def round_times(
    opened: datetime, close_days: int = DEFAULT_CLOSE_DAYS
) -> tuple[datetime, datetime]:
    """Opens at `opened`; closes at the end of the day `close_days` later (local time)."""
    if close_days < 1:
        raise ValueError(f"close_days must be at least 1, got {close_days}")
    local = opened.date() + timedelta(days=close_days)
    tz = opened.tzinfo
    closes = datetime.combine(local, time(23, 59), tzinfo=tz)
    return opened, closes


def scheduled_times(
    day: date, tz: ZoneInfo, close_days: int = DEFAULT_CLOSE_DAYS
) -> tuple[datetime, datetime]:
    return round_times(datetime.combine(day, OPENS_AT, tzinfo=tz), close_days)


# -- reminders -----------------------------------------------------------------------------

REMINDER_AFTER = timedelta(days=7)
REMINDER_BEFORE_CLOSE = timedelta(days=2)


def reminder_times(survey: SurveyRound) -> dict[str, datetime]:
    """Reminder name -> when it is due: a week in, and two days before closing."""
    times = {
        "7d": survey.opens_at + REMINDER_AFTER,
        "2d": survey.closes_at - REMINDER_BEFORE_CLOSE,
    }
    return {name: at for name, at in times.items() if survey.opens_at < at < survey.closes_at}


def due_reminder(survey: SurveyRound, now: datetime) -> str | None:
    """The newest reminder due at `now` while the round is open (None: none due)."""
    if not survey.is_open(now):
        return None
    due = [(at, name) for name, at in reminder_times(survey).items() if at <= now]
    return max(due)[1] if due else None


def to_remind(invitations: Iterable[Invitation], reminder: str) -> list[Invitation]:
    """Those who have not answered and have not had this reminder (nor a later one)."""
    return [
        i
        for i in invitations
        if not i.answered and i.person_id is not None and reminder not in i.reminders
    ]


# -- answers -------------------------------------------------------------------------------


def read_answers(
    survey: SurveyRound,
    invitation: Invitation | None,
    value: Mapping[str, object],
    now: datetime,
) -> tuple[list[Answer], Refusal | None]:
    """The answers in a card submit, or why it is refused.

    Only the sender's own questions count; anything else in the submit (another person's
    id, a question they were not asked) is never read as an answer. Every question must be
    answered, as the card requires.
    """
    if invitation is None or invitation.person_id is None:
        return [], Refusal.NOT_INVITED
    if not survey.is_open(now):
        return [], Refusal.NOT_OPEN
    mine = set(invitation.question_keys)
    for name in value:
        if name.startswith((CHOICE_PREFIX, COMMENT_PREFIX)) and name[2:] not in mine:
            return [], Refusal.UNKNOWN_QUESTION
    answers: list[Answer] = []
    for key in invitation.question_keys:
        raw = value.get(CHOICE_PREFIX + key)
        if raw is None or str(raw).strip() == "":
            return [], Refusal.MISSING_CHOICE
        try:
            choice = Choice(str(raw).strip())
        except ValueError:
            return [], Refusal.INVALID_CHOICE
        comment = value.get(COMMENT_PREFIX + key) or ""
        if not isinstance(comment, str):
            return [], Refusal.INVALID_CHOICE
        comment = comment.strip()
        if len(comment) > MAX_COMMENT:
            return [], Refusal.COMMENT_TOO_LONG
        answers.append(Answer(key, choice, comment))
    return answers, None


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Distribution:
    respondents: int
    counts: Mapping[Choice, int] | None  # None: fewer than K_MIN respondents, not shown

    @property
    def suppressed(self) -> bool:
        return self.counts is None

    @property
    def positive_share(self) -> float | None:
        """Share of "Ja" among those with an opinion (Vet ej left out), 0–100."""
        if self.counts is None:
            return None
        known = sum(n for c, n in self.counts.items() if c is not Choice.DONT_KNOW)
        return 100.0 * self.counts.get(Choice.YES, 0) / known if known else None


def distribution(choices: Sequence[Choice], k: int = K_MIN) -> Distribution:
    return counted(Counter(choices), k)


def counted(counts: Mapping[Choice, int], k: int = K_MIN) -> Distribution:
    respondents = sum(counts.values())
    if respondents < k:
        return Distribution(respondents, None)
    return Distribution(respondents, {c: counts.get(c, 0) for c in Choice})


def _counts(tallies: Iterable[Tally]) -> dict[tuple[str, str], Counter[Choice]]:
    """(question, group) -> choice counts."""
    out: dict[tuple[str, str], Counter[Choice]] = {}
    for tally in tallies:
        out.setdefault((tally.question_key, tally.group), Counter())[tally.choice] += tally.count
    return out


@dataclass(frozen=True, slots=True)
class QuestionResult:
    key: str
    overall: Distribution
    by_group: Mapping[str, Distribution] = field(default_factory=dict)  # only shown groups
    change: float | None = None  # points of positive share since the previous round


@dataclass(frozen=True, slots=True)
class GroupRate:
    group: str
    invited: int
    answered: int | None  # None: fewer than K_MIN invited, not shown

    @property
    def rate(self) -> float | None:
        if self.answered is None or not self.invited:
            return None
        return 100.0 * self.answered / self.invited


@dataclass(frozen=True, slots=True)
class RoundResults:
    round: SurveyRound
    invited: int
    answered: int
    questions: tuple[QuestionResult, ...]
    groups: tuple[GroupRate, ...]

    @property
    def rate(self) -> float:
        return 100.0 * self.answered / self.invited if self.invited else 0.0


def results(
    survey: SurveyRound,
    invitations: Sequence[Invitation],
    tallies: Sequence[Tally],
    previous: Sequence[Tally] = (),
    k: int = K_MIN,
) -> RoundResults:
    """Per question, overall and per group, never for fewer than `k` respondents; a group
    is left out when the others who answered are between 1 and `k - 1` (the overall
    figures minus the group's would show their answers)."""
    now_counts, before_counts = _counts(tallies), _counts(previous)
    questions = []
    for key in survey.question_keys:
        overall = counted(now_counts.get((key, EVERYONE), Counter()), k)
        earlier = counted(before_counts.get((key, EVERYONE), Counter()), k)
        groups = sorted(g for q, g in now_counts if q == key and g != EVERYONE)
        by_group = {}
        for group in groups:
            shown = counted(now_counts[(key, group)], k)
            rest = overall.respondents - shown.respondents
            if not shown.suppressed and (rest == 0 or rest >= k):
                by_group[group] = shown
        before, now = earlier.positive_share, overall.positive_share
        change = now - before if now is not None and before is not None else None
        questions.append(QuestionResult(key, overall, by_group, change))
    return RoundResults(
        survey,
        invited=len(invitations),
        answered=sum(1 for i in invitations if i.answered),
        questions=tuple(questions),
        groups=group_rates(invitations, k),
    )


def group_rates(invitations: Sequence[Invitation], k: int = K_MIN) -> tuple[GroupRate, ...]:
    rates = []
    for group in sorted({g for i in invitations for g in i.groups}):
        members = [i for i in invitations if group in i.groups]
        answered = sum(1 for i in members if i.answered)
        rates.append(GroupRate(group, len(members), answered if len(members) >= k else None))
    return tuple(rates)


def retention_cutoff(now: datetime, months: int) -> datetime:
    """Rounds that closed before this lose their identities and comments."""
    year, month = divmod(now.month - 1 - months, 12)
    day = min(now.day, 28)  # every month has a 28th
    return now.replace(year=now.year + year, month=month + 1, day=day)

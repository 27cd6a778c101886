"""The survey's cards: one card per person with their questions, the thanks, and results.

The answer card's submit carries only the action and the round number: who answered is
always the sender Teams names, never anything written into the card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.dates import SV_MONTHS
from bot.domain.model import SurveyQuestion
from bot.domain.survey_rounds import (
    CHOICE_LABELS,
    CHOICE_PREFIX,
    COMMENT_PREFIX,
    K_MIN,
    MAX_COMMENT,
    Answer,
    Choice,
    RoundResults,
    SurveyRound,
)
from dialogs import cards
from dialogs.actions import ActionName
from dialogs.reply import Reply
from dialogs.surveys.texts import TEXTS, SurveyTexts

DateFormat = Callable[[datetime], str]


def swedish_day(tz: ZoneInfo) -> DateFormat:
    """ "8 december 2026", in `tz`: how the survey's cards write a date."""

    def when(moment: datetime) -> str:
        local = moment.astimezone(tz)
        return f"{local.day} {SV_MONTHS[local.month - 1]} {local.year}"

    return when


def answer_card(
    survey: SurveyRound,
    questions: Sequence[SurveyQuestion],
    sent_by: str,
    when: DateFormat,
    *,
    reminder: bool = False,
    texts: SurveyTexts = TEXTS,
) -> cards.Card:
    closes = when(survey.closes_at)
    body: list[cards.Element] = [
        cards.text_block(
            texts.card_title.format(sent_by=sent_by, period=survey.period),
            weight="Bolder",
            size="Medium",
        )
    ]
    if reminder:
        body.append(cards.text_block(texts.reminder_intro.format(closes=closes), weight="Bolder"))
    body.append(cards.text_block(texts.card_intro.format(k=K_MIN, closes=closes), subtle=True))
    for question in questions:
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": CHOICE_PREFIX + question.key,
                "label": question.text,
                "style": "expanded",
                "isRequired": True,
                "errorMessage": texts.choice_missing,
                "choices": [{"title": CHOICE_LABELS[c], "value": c.value} for c in Choice],
            }
        )
        body.append(
            {
                "type": "Input.Text",
                "id": COMMENT_PREFIX + question.key,
                "label": texts.comment_label.format(max=MAX_COMMENT),
                "isMultiline": True,
                "maxLength": MAX_COMMENT,
            }
        )
    send = cards.submit(
        texts.submit, {"action": ActionName.SURVEY_ANSWER.value, "round": survey.id}
    )
    return cards.card(body, [send])


def thanks(
    survey: SurveyRound,
    questions: Sequence[SurveyQuestion],
    answers: Sequence[Answer],
    when: DateFormat,
    *,
    texts: SurveyTexts = TEXTS,
) -> Reply:
    text_of = {q.key: q.text for q in questions}
    title = texts.thanks_title
    card = cards.card(
        [
            cards.text_block(title, weight="Bolder"),
            cards.fact_set(
                (text_of.get(a.question_key, a.question_key), CHOICE_LABELS[a.choice])
                for a in answers
            ),
            cards.text_block(texts.thanks_note.format(k=K_MIN), subtle=True),
        ]
    )
    return Reply(title, card=card)


def opened(
    survey: SurveyRound,
    questions: Sequence[SurveyQuestion],
    invited: int,
    when: DateFormat,
    texts: SurveyTexts = TEXTS,
) -> Reply:
    title = texts.opened_title.format(period=survey.period)
    card = cards.card(
        [
            cards.text_block(title, weight="Bolder", size="Medium"),
            cards.fact_set(
                [
                    (texts.opened_period, survey.period),
                    (texts.opened_closes, when(survey.closes_at)),
                    (texts.opened_invited, texts.opened_people.format(count=invited)),
                ]
            ),
            cards.text_block(texts.opened_questions, weight="Bolder"),
            *(cards.text_block(f"{n}. {q.text}") for n, q in enumerate(questions, 1)),
            cards.text_block(texts.opened_note, subtle=True),
        ]
    )
    return Reply(title, card=card)


def unreachable(
    survey: SurveyRound,
    invited: int,
    missing: Sequence[tuple[str, str]],
    texts: SurveyTexts = TEXTS,
) -> Reply:
    """The office's list of people the card could not reach: (name, why)."""
    if not missing:
        return Reply(texts.unreachable_none.format(period=survey.period, count=invited))
    title = texts.unreachable_title.format(period=survey.period, count=len(missing))
    card = cards.card([cards.text_block(title, weight="Bolder"), cards.fact_set(missing)])
    return Reply(title, card=card)


def results_card(
    shown: RoundResults,
    questions: Sequence[SurveyQuestion],
    group_names: dict[str, str],
    texts: SurveyTexts = TEXTS,
    comments: dict[str, list[str]] | None = None,
) -> Reply:
    """Per question a distribution (or why not), a chart of the Ja shares, rates per group,
    and the comments without names (only where the question's distribution is shown)."""
    survey = shown.round
    title = texts.results_title.format(period=survey.period)
    text_of = {q.key: q.text for q in questions}
    rate = texts.results_rate.format(
        answered=shown.answered, invited=shown.invited, rate=shown.rate
    )
    body: list[cards.Element] = [
        cards.text_block(title, weight="Bolder", size="Medium"),
        cards.text_block(rate),
    ]
    bars = [
        {"x": str(n), "y": round(q.overall.positive_share or 0.0)}
        for n, q in enumerate(shown.questions, 1)
        if q.overall.positive_share is not None
    ]
    if bars:
        fallback = "; ".join(f"{b['x']}: {b['y']} %" for b in bars)
        body.append(
            {
                "type": "Chart.VerticalBar",
                "title": texts.results_chart,
                "xAxisTitle": texts.results_chart_x,
                "yAxisTitle": texts.results_chart_y,
                "showBarValues": True,
                "data": bars,
                # Clients without charts show the same numbers as text.
                "fallback": cards.text_block(f"{texts.results_chart}: {fallback}"),
            }
        )
    for n, result in enumerate(shown.questions, 1):
        body.append(
            cards.text_block(f"{n}. {text_of.get(result.key, result.key)}", weight="Bolder")
        )
        counts = result.overall.counts
        if counts is None:
            body.append(cards.text_block(texts.results_suppressed.format(k=K_MIN), subtle=True))
            continue
        facts = [(CHOICE_LABELS[c], str(counts[c])) for c in Choice]
        facts.append(("", texts.respondents.format(count=result.overall.respondents)))
        body.append(cards.fact_set(facts))
        if result.change is not None:
            body.append(cards.text_block(texts.results_change.format(change=result.change)))
        # Sorted, not in answer order: the order must not hint at who wrote what.
        for comment in sorted((comments or {}).get(result.key, [])):
            body.append(cards.text_block(f"”{comment}”", subtle=True))
    body.append(cards.text_block(texts.results_groups, weight="Bolder"))
    rows = []
    for group in shown.groups:
        name = group_names.get(group.group, group.group)
        if group.rate is None:
            rows.append((name, texts.results_group_hidden.format(k=K_MIN)))
        else:
            rows.append((name, f"{group.answered} av {group.invited} ({group.rate:.0f} %)"))
    body.append(cards.fact_set(rows))
    return Reply(title, card=cards.card(body))

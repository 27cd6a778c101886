"""The office's results card: comments without names, only where the question is shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.model import SourceRef, SurveyQuestion
from bot.domain.survey_rounds import (
    Answer,
    Choice,
    Invitation,
    RoundState,
    SurveyRound,
    results,
    tallies_of,
)
from dialogs.cards import card_fallback_text
from dialogs.surveys.cards import results_card

NOW = datetime(2027, 9, 1, tzinfo=UTC)
ROUND = SurveyRound(
    1,
    "sodra-alvsborg",
    "Enkät",
    "augusti 2027",
    NOW - timedelta(days=30),
    NOW - timedelta(days=9),
    ("q1", "q2"),
    RoundState.CLOSED,
)
QUESTIONS = [
    SurveyQuestion("q1", "Har kallelsen kommit i tid?", (), "Styrgrupp", SourceRef("d", "s")),
    SurveyQuestion("q2", "Är ärendena väl beredda?", (), "AU", SourceRef("d", "s")),
]


def test_comments_are_shown_without_names_and_only_above_five_respondents() -> None:
    invitations = [Invitation(1, n, ("q1", "q2"), ("styrgrupp",), answered=True) for n in range(6)]
    responses = [
        t for _ in range(5) for t in tallies_of([Answer("q1", Choice.YES)], ("styrgrupp",))
    ]
    responses += [t for _ in range(2) for t in tallies_of([Answer("q2", Choice.NO)], ("au",))]
    shown = results(ROUND, invitations, responses)
    comments = {"q1": [f"bra {n}" for n in range(5)], "q2": ["för sent", "för sent"]}
    reply = results_card(shown, QUESTIONS, {"styrgrupp": "Styrgrupp närvård"}, comments=comments)
    assert reply.card is not None
    text = card_fallback_text(reply.card)
    assert "”bra 0”" in text and "”bra 4”" in text
    assert "för sent" not in text  # two respondents: neither counts nor comments are shown

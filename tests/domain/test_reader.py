"""Question understanding on the real governance data, without Teams or a database."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.domain.loader import load_governance
from bot.domain.model import Person, Role
from bot.domain.questions import (
    GroupFact,
    GroupMembers,
    Help,
    Language,
    MeetingFrequency,
    MyMeetings,
    NeedsGroup,
    NextMeeting,
    PersonGroups,
    Procedure,
    Topic,
    WhoHoldsRole,
    WhoRepresents,
)
from bot.domain.reader import QuestionReader

SA = "sodra-alvsborg"
PEOPLE = (Person(1, "Vera Viceström", "vera@exempel.invalid"), Person(2, "Anna Ordf", "a@x"))


@cache
def reader() -> QuestionReader:
    return QuestionReader(load_governance(Path(__file__).parents[2] / "data"))


def read(text: str, region: str = SA) -> object:
    return reader().read(text, region, PEOPLE)


@pytest.mark.parametrize(
    ("text", "region", "group", "role"),
    [
        ("Vem är ordförande i styrgruppen?", SA, "styrgrupp", Role.CHAIR),
        ("vem ar ordforande i styrgrupen", SA, "styrgrupp", Role.CHAIR),  # typo, no å/ä/ö
        ("styrgruppens sekreterare?", SA, "styrgrupp", Role.SECRETARY),  # genitive
        ("ordf. i AU?", SA, "au", Role.CHAIR),  # abbreviation
        ("Vem är vice ordförande i DPS?", SA, "dps", Role.VICE_CHAIR),
        ("vem är ordförande i DPS i Fyrbodal", "fyrbodal", "dps", Role.CHAIR),
        ("Who is the chair of the steering group?", SA, "styrgrupp", Role.CHAIR),
        ("Who chairs AU in Skaraborg?", "skaraborg", "au", Role.CHAIR),
    ],
)
def test_who_holds_a_role(text: str, region: str, group: str, role: Role) -> None:
    question = read(text)
    assert isinstance(question, WhoHoldsRole)
    assert (question.region, question.group, question.role) == (region, group, role)


def test_english_is_recognised() -> None:
    question = read("Who is the secretary of AU?")
    assert isinstance(question, WhoHoldsRole) and question.language is Language.EN


def test_members_of_a_group() -> None:
    assert read("Vilka sitter i AU?") == GroupMembers(SA, "au")
    assert read("AU") == GroupMembers(SA, "au")


def test_au_does_not_match_inside_other_words() -> None:
    assert not isinstance(read("vad händer i augusti"), GroupMembers | WhoHoldsRole)


@pytest.mark.parametrize(
    "text", ["När är nästa styrgruppsmöte?", "när träffas styrgruppen nästa gång"]
)
def test_next_meeting_with_a_compound(text: str) -> None:
    assert read(text) == NextMeeting(SA, "styrgrupp")


def test_frequency_my_meetings_and_my_groups() -> None:
    assert read("hur ofta träffas DPS?") == MeetingFrequency(SA, "dps")
    assert read("Hur ofta möts styrgruppen i Skaraborg?") == MeetingFrequency(
        "skaraborg", "styrgrupp"
    )
    assert read("mina möten") == MyMeetings()
    assert read("vilka grupper är jag med i") == PersonGroups(None)


def test_person_named_in_the_question() -> None:
    question = read("Vilka grupper sitter Vera Viceström i?")
    assert isinstance(question, PersonGroups) and question.person == PEOPLE[0]


def test_who_represents_a_municipality() -> None:
    question = read("vem representerar Borås i styrgruppen")
    assert question == WhoRepresents(SA, "styrgrupp", "Borås")


def test_group_facts_and_local_groups() -> None:
    question = read("vart skickas protokollen från lokala ledningsgruppen i Mark")
    assert isinstance(question, GroupFact)
    assert (question.group, question.topic) == ("llg-mark", Topic.MINUTES)
    question = read("vem bereder ärenden till styrgruppen")
    assert isinstance(question, GroupFact) and question.topic is Topic.PREPARED_BY


def test_the_rest_goes_to_the_documents_or_asks_for_a_group() -> None:
    assert isinstance(read("hur länge gäller avtalet"), Procedure)
    assert read("vem är ordförande?") == NeedsGroup(Role.CHAIR)
    assert read("hjälp") == Help()

"""Reading a question on the real governance data, without Teams, a database or a model:
the one text analysis, the names a question holds, the answer it wants, and which kind of
question proposes itself (the documents' side needs the embedding model; see the bench)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.loader import load_governance
from bot.domain.model import Governance, Person, Role
from bot.domain.names import all_names
from bot.domain.questions import Language
from bot.domain.search.index import SearchIndex
from bot.domain.understanding.answer_type import AnswerType, answer_type, carries, wanted
from bot.domain.understanding.entities import ROLE_NAMES, EntityFinder, Found
from bot.domain.understanding.text import MAX_CHARS, MAX_WORD, TextAnalysis
from dialogs.questions.feature import best_kind
from dialogs.questions.kinds import all_kinds, concept_words
from dialogs.questions.kinds.base import Asked, Context

SA = "sodra-alvsborg"
PEOPLE = (Person(1, "Vera Viceström", "vera@exempel.invalid"), Person(2, "Anna Ordf", "a@x"))
NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)


@cache
def governance() -> Governance:
    return load_governance(Path(__file__).parents[2] / "data")


@cache
def analysis() -> TextAnalysis:
    names = [*all_names(governance()), *(n for n, _ in ROLE_NAMES)]
    index = SearchIndex.build(governance(), [*names, *concept_words()])
    return TextAnalysis(index.analyzer, names)


@cache
def finder() -> EntityFinder:
    return EntityFinder(governance(), analysis())


def find(text: str, region: str = SA) -> Found:
    return finder().find(analysis().analyse(text), region, PEOPLE)


def kind_of(text: str, region: str = SA) -> str | None:
    """The kind with the best fit, as the question feature ranks them (before documents)."""
    analysed = analysis().analyse(text)
    found = finder().find(analysed, region, PEOPLE)
    where = found.region or (found.group.region if found.group else region)
    asked = Asked(analysed, found, where, None, NOW)
    tz = ZoneInfo("Europe/Stockholm")
    context = Context(governance(), None, None, tz)  # type: ignore[arg-type]
    choice = best_kind(all_kinds(context, analysis()), asked, tz)
    return choice.proposal.kind.name if choice.proposal is not None else None


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
    found = find(text)
    assert found.group is not None and (found.group.region, found.group.key) == (region, group)
    assert found.role is role
    assert kind_of(text) == "role_holder"


def test_english_is_recognised() -> None:
    assert analysis().analyse("Who is the secretary of AU?").language is Language.EN
    assert analysis().analyse("Vem är sekreterare i AU?").language is Language.SV
    # Swedish "i" is no English "I": "ordförande i styrgruppen i Fyrbodal" stays Swedish.
    assert analysis().analyse("vem är ordförande i styrgruppen i Fyrbodal").language is Language.SV


def test_members_of_a_group() -> None:
    assert kind_of("Vilka sitter i AU?") == "group_members"
    assert kind_of("AU") == "group_members"
    assert kind_of("Vem jobbar på Närvårdskontoret?") == "group_members"


def test_au_does_not_match_inside_other_words() -> None:
    assert find("vad händer i augusti").group is None


@pytest.mark.parametrize(
    "text", ["När är nästa styrgruppsmöte?", "när träffas styrgruppen nästa gång"]
)
def test_next_meeting_with_a_compound(text: str) -> None:
    found = find(text)
    assert found.group is not None and found.group.key == "styrgrupp"
    assert kind_of(text) == "next_meeting"


def test_frequency_my_meetings_and_my_groups() -> None:
    assert kind_of("hur ofta träffas DPS?") == "meeting_frequency"
    assert (
        kind_of("Hur ofta möts styrgruppen i Skaraborg?", SA) is None
        or find("Hur ofta möts styrgruppen i Skaraborg?").region == "skaraborg"
    )
    assert kind_of("mina möten") == "my_meetings"
    assert kind_of("vilka grupper är jag med i") == "person_groups"


def test_person_named_in_the_question() -> None:
    found = find("Vilka grupper sitter Vera Viceström i?")
    assert found.person == PEOPLE[0]
    assert kind_of("Vilka grupper sitter Vera Viceström i?") == "person_groups"


def test_who_represents_a_municipality() -> None:
    found = find("vem representerar Borås i styrgruppen")
    assert found.organisation is not None and found.organisation.startswith("Borås")
    assert kind_of("vem representerar Borås i styrgruppen") == "represents"


def test_a_body_only_one_region_has_decides_the_region() -> None:
    found = find("Vilka representerar norra delregionala nämnden i DPS?")
    assert found.group is not None and found.group.region == "fyrbodal"


def test_a_group_the_named_region_lacks_is_noticed() -> None:
    found = find("Vem är ordförande i Skaraborgs DPS?")
    assert found.region == "skaraborg" and found.group is None and found.elsewhere


def test_procedure_questions_are_left_to_the_documents() -> None:
    # Words no kind accounts for ("väljs", "bereder") leave the question to the documents.
    assert kind_of("Hur väljs ordföranden i styrgruppen?") is None
    assert kind_of("vem bereder ärenden till styrgruppen") is None
    assert kind_of("Vart skickas minnesanteckningarna från uppdragsgrupperna?") is None
    # The agreement's period is the documents' own: listed with every document's period.
    assert kind_of("hur länge gäller avtalet") == "documents_info"


def test_unknown_places_are_noticed() -> None:
    assert find("Vem är ordförande i styrgruppen i Göteborg?").unknown_place == "Göteborg"
    assert find("Vem är ordförande i styrgruppen i Borås?").unknown_place is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Hur många platser har SÄS?", AnswerType.NUMBER),
        ("hur ofta träffas DPS", AnswerType.FREQUENCY),
        ("När är nästa möte?", AnswerType.TIME),
        ("Vilket datum är nästa möte?", AnswerType.DATE),
        ("Vem är ordförande?", AnswerType.PERSON),
        ("Var publiceras protokollen?", AnswerType.PLACE),
        ("Hur länge gäller avtalet?", AnswerType.DURATION),
        ("How much does the office cost?", AnswerType.AMOUNT),
        ("Hur går det till?", AnswerType.MANNER),
        ("Vad är spridningsdagen?", AnswerType.DEFINITION),
        ("Kan en uppdragsgrupp läggas ner?", AnswerType.YES_NO),
        ("Ska man vara var tredje år?", AnswerType.YES_NO),  # "var" here is no place
    ],
)
def test_answer_types(text: str, wanted: AnswerType) -> None:
    assert answer_type(analysis().analyse(text).folded) is wanted


def test_an_answer_must_carry_what_is_asked_for() -> None:
    assert carries(AnswerType.NUMBER, "kontoret bestar av tre personer")
    assert not carries(AnswerType.NUMBER, "kontoret samordnar arbetet")
    assert carries(AnswerType.FREQUENCY, "styrgruppen sammantrader 4-6 ganger/ar")
    assert not carries(AnswerType.TIME, "ordforanden leder motena")
    # "Which date" is a day of a month, not a span of weeks; "how many" is no article.
    assert carries(AnswerType.DATE, "motet halls den 12 mars i boras")
    assert not carries(AnswerType.DATE, "anteckningarna publiceras tre veckor efter motet")
    assert not carries(AnswerType.NUMBER, "varje kommun utgor ett narvardsomrade")


def test_long_input_is_bounded() -> None:
    analysed = analysis().analyse("a" * 10_000 + " styrgruppen " * 500)
    assert len(analysed.text) == MAX_CHARS
    assert all(len(word) <= MAX_WORD for word in analysed.words)


def _fastest(run: object, times: int = 5) -> float:
    import time

    assert callable(run)
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("length", [800, 2_500, 10_000])
def test_one_long_word_costs_no_more_than_a_short_question(length: int) -> None:
    """A run of letters longer than any word is dropped before typo repair and compound
    splitting (whose work grows with the cube of a word's length): a 10,000-character word
    is read as fast as a short question, measured against one in the same run."""
    text = analysis()
    word = ("abcdefghij" * (length // 10 + 1))[:length]
    short = "Vem är ordförande i styrgruppen?"

    def read(question: str) -> None:
        text.analyse(question)
        text.analyzer.concepts(question)

    read(short)  # warm caches
    assert _fastest(lambda: read(word)) <= 3 * _fastest(lambda: read(short)) + 0.001
    assert text.analyse(word).words == ()
    assert text.analyzer.concepts(f"styrgruppen {word}")[0].word == "styrgruppen"


def test_a_date_question_is_a_time_question_too_but_not_the_other_way() -> None:
    """Kinds that answer "när" answer "vilket datum"; one that gives only a day of the month
    does not answer every "när" (a period, a season)."""
    assert wanted(AnswerType.DATE, frozenset({AnswerType.TIME}))
    assert not wanted(AnswerType.TIME, frozenset({AnswerType.DATE}))
    assert not wanted(AnswerType.NUMBER, frozenset({AnswerType.TIME}))

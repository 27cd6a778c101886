"""The real `data/` loads and says what the seed documents say.

Most checks compare with the seed texts, the ground truth, kept unchanged in data/seeds/.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.domain.loader import (
    MEETINGS_HEADER,
    ROSTER_HEADER,
    load_example_paths,
    load_governance,
)
from bot.domain.model import Governance, GroupKind, RecipientRule, Role, Rule, SourceRef
from bot.domain.names import match_group, match_region

DATA = Path(__file__).resolve().parents[2] / "data"
SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

SA, FYRBODAL, SKARABORG = "sodra-alvsborg", "fyrbodal", "skaraborg"
SA_MUNICIPALITIES = (
    "Herrljunga", "Vårgårda", "Bollebygd", "Borås Stad",
    "Mark", "Svenljunga", "Tranemo", "Ulricehamn",
)  # fmt: skip


@pytest.fixture(scope="module")
def gov() -> Governance:
    return load_governance(DATA)


def norm(text: str) -> str:
    """Letters and digits only: compares wording while ignoring PDF line breaks and markup."""
    return "".join(c for c in text.casefold() if c.isalnum())


def seed_text(source_file: str) -> str:
    raw = (SEEDS / source_file).read_text(encoding="utf-8")
    raw = re.sub(r"<[^>]+>", " ", html.unescape(raw))  # the HTML table on 001's title page
    # Footnote markers glued to words in the PDF text (Fyrbodal: "primärvård1", "kansli2").
    return re.sub(r"(primärvård)1(?=,)|(kansli)2(?=,)", r"\1\2", raw)


def all_rules(gov: Governance) -> Iterator[tuple[str, Rule]]:
    fields: tuple[str, ...] = ("description", "composition", "chair", "secretary")
    fields += ("prepared_by", "commissioned_by", "reports_to", "minutes", "term")
    for data in gov.regions:
        for i, fact in enumerate(data.region.facts):
            yield f"{data.region.key} facts[{i}]", fact
        for i, task in enumerate(data.office_tasks):
            yield f"{data.region.key} office_tasks[{i}]", task
        for group in data.groups:
            for name in fields:
                rule = getattr(group, name)
                if rule is not None:
                    yield f"{data.region.key}/{group.key}.{name}", rule
            for i, rule in enumerate(group.extra):
                yield f"{data.region.key}/{group.key}.extra[{i}]", rule


def all_sources(gov: Governance) -> Iterator[tuple[str, SourceRef]]:
    for where, rule in all_rules(gov):
        yield where, rule.source
    for data in gov.regions:
        for group in data.groups:
            if group.frequency is not None and group.frequency.source is not None:
                yield f"{group.key}.frequency", group.frequency.source
        if data.survey is not None:
            yield "survey", data.survey.source
            for q in data.survey.questions:
                yield f"survey {q.key}", q.source
        for goal in data.goals:
            yield f"goal {goal.key}", goal.source


# ---------------------------------------------------------------- loading and sources


def test_all_three_regions_load(gov: Governance) -> None:
    assert [d.region.key for d in gov.regions] == [FYRBODAL, SKARABORG, SA]
    sa = gov.region(SA)
    assert sa is not None
    assert sa.region.collaboration == "Närvårdssamverkan Södra Älvsborg"
    assert gov.region(FYRBODAL).region.collaboration == "Vårdsamverkan Fyrbodal"  # type: ignore[union-attr]
    assert gov.region(SKARABORG).region.collaboration == "Vårdsamverkan Skaraborg"  # type: ignore[union-attr]


def test_every_source_exists(gov: Governance) -> None:
    sources = list(all_sources(gov))
    assert len(sources) > 150
    for where, ref in sources:
        document = gov.document(ref.document)
        assert document is not None, where
        assert document.section(ref.section) is not None, f"{where}: {ref}"


def test_every_rule_is_worded_as_its_cited_section(gov: Governance) -> None:
    """Rules quote the document: each sentence appears in the section it cites."""
    for where, rule in all_rules(gov):
        document = gov.document(rule.source.document)
        section = document.section(rule.source.section) if document else None
        assert section is not None, where
        haystack = norm(section.title + " " + "\n".join(_markdown_lines(section.text)))
        for sentence in re.split(r"(?<=[.;:])\s+", rule.text):
            assert norm(sentence) in haystack, f"{where}: {sentence!r} not in {rule.source}"


def _markdown_lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = re.sub(r"\[\^\d+\]:?", "", line)  # footnote references and definitions
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links: keep their text
        line = re.sub(r"^\s*(?:[-*]|\d+\))\s+", "", line).replace("**", "")
        if line.strip():
            yield line


def test_documents_keep_the_seed_wording(gov: Governance) -> None:
    for data in gov.regions:
        for document in data.documents:
            seed = norm(seed_text(document.source_file))
            for section in document.sections:
                assert norm(section.title) in seed or section.key == "ingress", section.title
                for line in _markdown_lines(section.text):
                    assert norm(line) in seed, f"{document.key}#{section.key}: {line!r}"


def test_goals_and_survey_quote_the_seed(gov: Governance) -> None:
    sa = gov.region(SA)
    assert sa is not None and sa.survey is not None
    seeds = {d.key: norm(seed_text(d.source_file)) for d in sa.documents}
    for goal in sa.goals:
        assert norm(goal.text) in seeds[goal.source.document], goal.key
        assert norm(goal.outcome) in seeds[goal.source.document], goal.key
    # The survey questions verbatim, spacing aside: "Fråga? (Mottagare)".
    seed = " ".join((SEEDS / "000_8f01bf0df7b3da36.txt").read_text(encoding="utf-8").split())
    for q in sa.survey.questions:
        assert f"{q.text} ({q.recipients_text})" in seed, q.key


# ---------------------------------------------------------------- Södra Älvsborg


def test_sodra_alvsborg_groups_and_local_management_groups(gov: Governance) -> None:
    sa = gov.region(SA)
    assert sa is not None
    assert sa.region.municipalities == SA_MUNICIPALITIES
    assert sa.region.office_name == "Närvårdskontoret"
    assert sa.region.local_group_term == "lokal ledningsgrupp"
    keys = {g.key for g in sa.groups}
    assert {"dps", "presidium", "styrgrupp", "au", "uppdragsgrupper", "kansli"} <= keys
    local = [g for g in sa.groups if g.kind is GroupKind.LOCAL_MANAGEMENT]
    assert len(local) == 8
    assert sorted(g.municipality or "" for g in local) == sorted(SA_MUNICIPALITIES)
    boras = gov.group(SA, "llg-boras")
    assert boras is not None and boras.name == "Lokal ledningsgrupp Borås Stad"
    assert boras.chair is not None and "Kommunen ansvarar för ordförandeskapet" in boras.chair.text
    assert boras.minutes is not None and "Närvårdskontoret" in boras.minutes.text


def test_sodra_alvsborg_dps(gov: Governance) -> None:
    dps = gov.group(SA, "dps")
    assert dps is not None and dps.short_name == "DPS"
    assert dps.frequency is not None
    assert (dps.frequency.min_per_year, dps.frequency.max_per_year) == (4, 4)
    assert dps.frequency.text == "fyra gånger per år"
    assert dps.chair_term_years == 2
    assert dps.chair is not None and "alternerar mellan kommun och VGR" in dps.chair.text
    assert "vice ordförande efter två år blir ordförande" in dps.chair.text
    assert dps.secretary is not None and "Närvårdskontorets" in dps.secretary.text
    assert dps.minutes is not None and "publiceras på hemsidan" in dps.minutes.text
    presidium = gov.group(SA, "presidium")
    assert presidium is not None and presidium.prepares_for == "dps"
    assert presidium.parent == "dps"


def test_sodra_alvsborg_styrgrupp_seats(gov: Governance) -> None:
    group = gov.group(SA, "styrgrupp")
    assert group is not None and group.name == "Styrgrupp närvård"
    seats = {s.organisation: s for s in group.seats}
    for org in ("SÄS", "Rehabilitering & Hälsa", "Vårdcentral privat", "Vårdcentral offentlig"):
        assert seats[org].count == 1 and seats[org].voting and not seats[org].adjunct
    assert seats["Varje kommun"].per == "kommun"
    for org in ("Tandvård", "Beställd primärvård"):
        assert seats[org].adjunct and not seats[org].count_stated
    for org in ("Boråsregionen Sjuhärads kommunalförbund", "Koncernkontoret VGR"):
        assert seats[org].count == 1 and not seats[org].voting and not seats[org].adjunct
    assert group.chair_term_years == 2
    assert group.chair is not None and "två år i taget" in group.chair.text
    assert group.frequency is None  # the seeds give no meeting frequency for it
    au = gov.group(SA, "au")
    assert au is not None and au.prepares_for == "styrgrupp" and au.parent == "styrgrupp"
    assert au.composition is not None and "max tre personer" in au.composition.text
    assert au.secretary is not None and "Närvårdskontorets representant" in au.secretary.text


def test_sodra_alvsborg_commissioned_and_local_working_groups(gov: Governance) -> None:
    commissioned = gov.group(SA, "uppdragsgrupper")
    assert commissioned is not None and commissioned.kind is GroupKind.COMMISSIONED_GROUP
    assert commissioned.commissioned_by is not None
    assert "Uppdrag ges av styrgruppen" in commissioned.commissioned_by.text
    assert commissioned.minutes is not None and "mailas till Närvårdskontoret" in (
        commissioned.minutes.text
    )
    working = gov.group(SA, "lokala-arbetsgrupper")
    assert working is not None and working.kind is GroupKind.LOCAL_WORKING
    assert working.reports_to is not None and "lokala ledningsgruppen" in working.reports_to.text


def _facts(gov: Governance, region: str, topic: str) -> list[str]:
    data = gov.region(region)
    assert data is not None
    return [f.text for f in data.region.facts if f.topic == topic]


def test_agreement_economy_and_escalation(gov: Governance) -> None:
    assert _facts(gov, SA, "avtalsperiod") == ["Avtalet gäller under perioden 2022–2025."]
    assert "två år i taget" in _facts(gov, SA, "forlangning")[0]
    assert "tolv månader" in _facts(gov, SA, "uppsagning")[0]
    assert _facts(gov, FYRBODAL, "avtalsperiod") == [
        "Inriktningsdokumntet gäller för perioden 2023–2026."
    ]
    assert "tolv månader" in _facts(gov, FYRBODAL, "forlangning")[0]
    for region in (SA, FYRBODAL):
        split = " ".join(_facts(gov, region, "kostnadsfordelning"))
        assert "50 procent och kommunerna 50 procent" in split
        assert "1 juli föregående år" in split
    assert "5,06 kr per invånare" in " ".join(_facts(gov, SA, "budget"))
    assert "ca 2,2 mkr/år" in " ".join(_facts(gov, SA, "budget"))
    assert "lyfts till Närvårdskontoret" in _facts(gov, SA, "eskalering")[0]
    assert "lyfts till Vårdsamverkans kansli" in _facts(gov, FYRBODAL, "eskalering")[0]
    assert _facts(gov, FYRBODAL, "avvikelsehantering")
    assert _facts(gov, FYRBODAL, "spridningsdag")
    assert _facts(gov, SA, "spridningskonferens")


def test_sodra_alvsborg_survey(gov: Governance) -> None:
    sa = gov.region(SA)
    assert sa is not None and sa.survey is not None
    survey = sa.survey
    assert survey.months == (8, 12) and survey.sent_by == "Närvårdskontoret"
    assert len(survey.questions) == 9
    sg, dps, upp = (
        GroupKind.STEERING_GROUP,
        GroupKind.POLITICAL_COUNCIL,
        GroupKind.COMMISSIONED_GROUP,
    )
    pres, au = GroupKind.PRESIDIUM, GroupKind.WORKING_COMMITTEE
    expected = [
        ("Styrgrupp", {(sg, None)}),
        ("Styrgrupp, DPS och uppdragsgrupper", {(sg, None), (dps, None), (upp, None)}),
        ("Styrgrupp och Presidiet", {(sg, None), (pres, None)}),
        ("Styrgrupp", {(sg, None)}),
        ("Styrgrupp, DPS och uppdragsgrupper", {(sg, None), (dps, None), (upp, None)}),
        ("Styrgrupp, DPS och uppdragsgrupper", {(sg, None), (dps, None), (upp, None)}),
        ("AU och Presidium", {(au, None), (pres, None)}),
        ("Ordförandena i uppdragsgrupperna", {(upp, Role.CHAIR)}),
        ("Projektledarna", {(None, Role.PROJECT_LEADER)}),
    ]
    for question, (text, recipients) in zip(survey.questions, expected, strict=True):
        assert question.recipients_text == text
        assert {(r.group_kind, r.role) for r in question.recipients} == recipients
    assert survey.questions[-1].recipients == (RecipientRule(role=Role.PROJECT_LEADER),)


def test_sodra_alvsborg_goals_2020(gov: Governance) -> None:
    sa = gov.region(SA)
    assert sa is not None
    assert [g.year for g in sa.goals] == [2020] * 4
    assert "max 5%" in sa.goals[0].text and "max 15%" in sa.goals[1].text
    assert "145 st" in sa.goals[3].text
    assert "klarade målet för 2020" in sa.goals[1].outcome
    assert "har inte uppnåtts" in sa.goals[3].outcome


# ---------------------------------------------------------------- Fyrbodal and Skaraborg


def test_fyrbodal(gov: Governance) -> None:
    data = gov.region(FYRBODAL)
    assert data is not None
    assert data.region.municipalities == ()  # the document does not name them
    assert data.region.office_name == "Vårdsamverkans kansli"
    assert data.region.local_group_term == "lokal samverkansgrupp"
    dps = gov.group(FYRBODAL, "dps")
    assert dps is not None and dps.short_name == "DPSF"
    assert dps.frequency is not None and dps.frequency.min_per_year == 4
    assert dps.chair_term_years == 2
    styrgrupp = gov.group(FYRBODAL, "styrgrupp")
    assert styrgrupp is not None and styrgrupp.chair is not None
    assert "de verksamheter som finansieras av Västra Götalandsregionen" in styrgrupp.chair.text
    seats = {s.organisation: s for s in styrgrupp.seats}
    assert seats["Tandvården"].adjunct
    assert not seats["Fyrbodals kommunalförbund"].voting
    kinds = Counter(g.kind for g in data.groups)
    assert kinds[GroupKind.LOCAL_MANAGEMENT] == 1 and kinds[GroupKind.LOCAL_WORKING] == 1
    utv = gov.group(FYRBODAL, "delregionala-utvecklingsgrupper")
    assert utv is not None and utv.kind is GroupKind.COMMISSIONED_GROUP
    au = gov.group(FYRBODAL, "au")
    assert au is not None and au.secretary is not None
    assert "sammankallar arbetsutskottet" in au.secretary.text


def test_skaraborg(gov: Governance) -> None:
    data = gov.region(SKARABORG)
    assert data is not None
    assert data.region.office_name == "" and data.region.municipalities == ()
    assert {g.key for g in data.groups} == {"styrgrupp", "au", "samverkansgrupper", "expertgrupper"}
    group = gov.group(SKARABORG, "styrgrupp")
    assert group is not None and group.frequency is not None
    assert (group.frequency.min_per_year, group.frequency.max_per_year) == (4, 6)
    members = {s.organisation: s.count for s in group.seats if not s.adjunct and s.count_stated}
    assert members == {
        "Skaraborgs sjukhus": 2,
        "Närhälsans vårdcentraler": 2,
        "Primärvårdens rehab": 1,
        "Privata vårdcentraler": 1,
        "Skaraborgs kommuner": 5,
    }
    adjunct = {s.organisation: s.count for s in group.seats if s.adjunct}
    assert adjunct == {
        "Habilitering och Hälsa": 1,
        "Folkhälsan Skaraborg": 1,
        "Folktandvården": 1,
        "Regionhälsan": 1,
        "Koncernstab Hälso- och sjukvård": 1,
        "Förbundsdirektör Skaraborgs Kommunalförbund": 1,
    }
    assert group.chair_term_years == 2
    assert group.chair is not None and "sjukhus, primärvård och kommunerna" in group.chair.text
    assert group.secretary is not None and "huvudman som innehar ordförandeskapet" in (
        group.secretary.text
    )
    assert group.minutes is not None and "Vårdsamverkan Skaraborgs hemsida" in group.minutes.text
    samverkan = gov.group(SKARABORG, "samverkansgrupper")
    assert samverkan is not None and samverkan.reports_to is not None
    assert "Halvårsvis" in samverkan.reports_to.text and "årsrapport" in samverkan.reports_to.text


# ---------------------------------------------------------------- names people use


@pytest.mark.parametrize(
    ("region", "text", "key"),
    [
        (SA, "DPS", "dps"),
        (SA, "AU", "au"),
        (SA, "styrgruppen", "styrgrupp"),
        (SA, "Styrgrupp närvård", "styrgrupp"),
        (SA, "presidiet", "presidium"),
        (SA, "kansliet", "kansli"),
        (SA, "Närvårdskontoret", "kansli"),
        (SA, "Lokal ledningsgrupp Borås", "llg-boras"),
        (SA, "lokal ledningsgrupp Vargarda", "llg-vargarda"),
        (SA, "uppdragsgrupp", "uppdragsgrupper"),
        (FYRBODAL, "DPSF", "dps"),
        (FYRBODAL, "DPS", "dps"),
        (FYRBODAL, "Vårdsamverkans kansli", "kansli"),
        (FYRBODAL, "lokal samverkansgrupp", "lokala-samverkansgrupper"),
        (FYRBODAL, "utvecklingsgrupp", "delregionala-utvecklingsgrupper"),
        (SKARABORG, "Styrgruppen", "styrgrupp"),
        (SKARABORG, "AU", "au"),
        (SKARABORG, "samverkansgrupp", "samverkansgrupper"),
    ],
)
def test_group_names_people_use(gov: Governance, region: str, text: str, key: str) -> None:
    group = match_group(gov, region, text)
    assert group is not None and group.key == key


# ---------------------------------------------------------------- the fictional example


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_example_roster(gov: Governance) -> None:
    roster, _ = load_example_paths(DATA)
    header, rows = _rows(roster)
    assert tuple(header) == ROSTER_HEADER
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        region = match_region(gov, row["region"])
        assert region is not None, row
        group = match_group(gov, region.key, row["group"])
        assert group is not None, row
        role = Role(row["role"])
        assert row["email"].endswith("@exempel.invalid")
        start = date.fromisoformat(row["from"])
        assert not row["to"] or date.fromisoformat(row["to"]) > start
        seen.add((region.key, group.key, role.value))
        data = gov.region(region.key)
        if role is Role.SECRETARY and data and data.region.office_name:
            assert row["organisation"] == data.region.office_name, row  # from the office
    for key in (SA, FYRBODAL):
        for group_key in ("styrgrupp", "au", "dps"):
            for role_name in ("ordförande", "vice ordförande", "sekreterare", "ledamot"):
                assert (key, group_key, role_name) in seen, (key, group_key, role_name)
    assert (SKARABORG, "styrgrupp", "ordförande") in seen
    commissioned = {
        g.key for d in gov.regions for g in d.groups if g.kind is GroupKind.COMMISSIONED_GROUP
    }
    for key in (SA, FYRBODAL, SKARABORG):
        assert any(r == key and k in commissioned and x == "ordförande" for r, k, x in seen), key
        assert any(r == key and x == "projektledare" for r, _, x in seen), key
    assert {(SA, "llg-boras", "ordförande"), (SA, "llg-mark", "ordförande")} <= seen
    chair = [r for r in rows if r["email"] == "ordforande.styrgrupp@exempel.invalid"]
    assert any(r["role"] == "ordförande" and r["group"] == "Styrgruppen" for r in chair)


def test_example_meetings_follow_the_frequencies(gov: Governance) -> None:
    _, meetings = load_example_paths(DATA)
    header, rows = _rows(meetings)
    assert tuple(header) == MEETINGS_HEADER
    per_year: Counter[tuple[str, str, int]] = Counter()
    for row in rows:
        region = match_region(gov, row["region"])
        assert region is not None, row
        group = match_group(gov, region.key, row["group"])
        assert group is not None, row
        start, end = datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"])
        assert start.tzinfo is None and end > start and start.year <= 2027
        per_year[(region.key, group.key, start.year)] += 1
    for year in (2026, 2027):
        assert per_year[(SA, "dps", year)] == 4
        assert per_year[(FYRBODAL, "dps", year)] == 4
        assert 4 <= per_year[(SKARABORG, "styrgrupp", year)] <= 6

"""Broken copies of `data/` give errors that name the file, the place and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.domain.documents import parse_document
from bot.domain.loader import load_example_paths, load_governance
from bot.domain.validation import DataError, Problems

DATA = Path(__file__).resolve().parents[2] / "data"
SA_GROUPS = "regions/sodra-alvsborg/groups.yaml"
SA_REGION = "regions/sodra-alvsborg/region.yaml"
SA_SURVEY = "regions/sodra-alvsborg/survey.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def edit(root: Path, relative: str, old: str, new: str, count: int = 1) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_governance(root)
    assert str(info.value).startswith(f"{len(info.value.problems)} problem(s)")
    return list(info.value.problems)


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_unknown_group_kind(data: Path) -> None:
    edit(data, SA_GROUPS, "kind: presidium", "kind: presidiet")
    problem = only(problems_of(data))
    assert problem.startswith("data/regions/sodra-alvsborg/groups.yaml: groups[1].kind: ")
    assert "unknown group kind 'presidiet'" in problem


def test_seat_count_of_the_wrong_type(data: Path) -> None:
    edit(
        data,
        SA_GROUPS,
        "{key: sas, organisation: SÄS, count: 1}",
        "{key: sas, organisation: SÄS, count: två}",
    )
    problem = only(problems_of(data))
    assert "groups.yaml: groups[2].seats[0].count: expected a whole number" in problem
    assert "'två'" in problem


def test_boolean_is_not_a_count(data: Path) -> None:
    edit(
        data,
        SA_GROUPS,
        "{key: sas, organisation: SÄS, count: 1}",
        "{key: sas, organisation: SÄS, count: yes}",
    )
    assert "groups[2].seats[0].count: expected a whole number" in only(problems_of(data))


def test_missing_source(data: Path) -> None:
    edit(data, SA_REGION, "    source: sa-narvardssamverkan#ingress\n", "", count=1)
    problem = only(problems_of(data))
    assert problem.startswith("data/regions/sodra-alvsborg/region.yaml: facts[0].source: ")
    assert "missing source" in problem


def test_rule_written_as_plain_text_has_no_source(data: Path) -> None:
    old = "    term:\n      text: >-\n        Uppdragsgrupper kan vara aktiva"
    new = "    term: Uppdragsgrupper kan vara aktiva\n    x_term:\n      text: >-\n        Upp"
    edit(data, SA_GROUPS, old, new)
    problems = problems_of(data)
    assert any(".term: missing source" in p for p in problems), problems
    assert any("unknown key 'x_term'" in p for p in problems), problems


def test_source_section_that_does_not_exist(data: Path) -> None:
    edit(
        data, SA_REGION, "sa-inriktning-2022-2025#inledning", "sa-inriktning-2022-2025#inledningen"
    )
    problem = only(problems_of(data))
    assert "region.yaml: facts[3].source: " in problem
    assert "document 'sa-inriktning-2022-2025' has no section 'inledningen'" in problem


def test_unknown_document(data: Path) -> None:
    edit(data, SA_SURVEY, "source: sa-narvardssamverkan#mal", "source: sa-narvard#mal")
    problem = only(problems_of(data))
    assert problem.startswith("data/regions/sodra-alvsborg/survey.yaml: source: ")
    assert "unknown document 'sa-narvard'" in problem


def test_source_without_section(data: Path) -> None:
    edit(data, SA_SURVEY, "source: sa-narvardssamverkan#mal", "source: sa-narvardssamverkan")
    assert "source must be 'document#section'" in only(problems_of(data))


def test_duplicate_group_key(data: Path) -> None:
    edit(data, SA_GROUPS, "key: llg-mark", "key: llg-boras")
    problem = only(problems_of(data))
    assert "groups.yaml: groups[9]: duplicate key 'llg-boras' (first used at groups[8])" in problem


def test_misspelt_key_is_reported_not_ignored(data: Path) -> None:
    edit(data, SA_GROUPS, "    chair_term_years: 2\n", "    chiar_term_years: 2\n")
    problem = only(problems_of(data))
    assert "groups.yaml: groups[0].chiar_term_years: unknown key 'chiar_term_years'" in problem


def test_bad_key_format_and_unknown_reference(data: Path) -> None:
    edit(data, SA_GROUPS, "key: lokala-arbetsgrupper", "key: Lokala arbetsgrupper")
    edit(data, SA_GROUPS, "prepares_for: styrgrupp", "prepares_for: styrgruppen")
    problems = problems_of(data)
    assert any("groups[13].key: 'Lokala arbetsgrupper' is not a valid key" in p for p in problems)
    assert any("groups[3].prepares_for: no other group 'styrgruppen'" in p for p in problems)


def test_municipality_must_be_listed_in_the_region(data: Path) -> None:
    edit(data, SA_GROUPS, "municipality: Mark", "municipality: Marks kommun")
    assert "groups[9].municipality: unknown 'Marks kommun'" in only(problems_of(data))


def test_frequency_min_above_max(data: Path) -> None:
    edit(data, "regions/skaraborg/groups.yaml", "min: 4\n      max: 6", "min: 6\n      max: 4")
    problem = only(problems_of(data))
    assert "skaraborg/groups.yaml: groups[0].frequency.max: must not be below min" in problem


def test_survey_unknown_role_and_empty_recipient(data: Path) -> None:
    edit(data, SA_SURVEY, "role: projektledare", "role: projektledaren")
    edit(data, SA_SURVEY, "      - group_kind: arbetsutskott\n", "      - {}\n")
    problems = problems_of(data)
    assert any(
        "questions[8].recipients[0].role: unknown role 'projektledaren'" in p for p in problems
    )
    assert any("questions[6].recipients[0]: needs group_kind, role or both" in p for p in problems)


def test_survey_month_out_of_range(data: Path) -> None:
    edit(data, SA_SURVEY, "months: [8, 12]", "months: [8, 13]")
    assert "survey.yaml: months[1]: expected a month 1-12, got 13" in only(problems_of(data))


def test_goal_without_year(data: Path) -> None:
    edit(data, "regions/sodra-alvsborg/goals.yaml", "    year: 2020\n", "", count=1)
    assert "goals.yaml: goals[0].year: missing (required)" in only(problems_of(data))


def test_yaml_syntax_error_names_the_line(data: Path) -> None:
    edit(data, "regions/skaraborg/region.yaml", "name: Skaraborg", "name: [Skaraborg")
    problem = only(problems_of(data))
    assert problem.startswith("data/regions/skaraborg/region.yaml: line ")
    assert "not valid YAML" in problem


def test_region_key_must_match_folder(data: Path) -> None:
    edit(data, "regions/fyrbodal/region.yaml", "key: fyrbodal", "key: fyrbodall")
    assert "fyrbodal/region.yaml: key: 'fyrbodall' must equal the folder name" in only(
        problems_of(data)
    )


def test_all_problems_are_reported_together(data: Path) -> None:
    edit(data, SA_GROUPS, "kind: presidium", "kind: presidiet")
    edit(data, "regions/fyrbodal/region.yaml", "collaboration: Vårdsamverkan Fyrbodal\n", "")
    problems = problems_of(data)
    assert len(problems) == 2
    assert any("fyrbodal/region.yaml: collaboration: missing (required)" in p for p in problems)


def test_missing_region_file(data: Path) -> None:
    (data / "regions/skaraborg/region.yaml").unlink()
    assert "skaraborg/region.yaml: cannot read file" in only(problems_of(data))


def test_markdown_heading_renamed_breaks_its_citations(data: Path) -> None:
    doc = "regions/skaraborg/documents/skaraborg-strategisk-plan-2022-2024.md"
    edit(data, doc, "## Mötesfrekvens", "## Möten")
    problem = only(problems_of(data))
    assert "skaraborg/groups.yaml: groups[0].frequency.source: " in problem
    assert "has no section 'motesfrekvens'" in problem


def test_markdown_document_problems(data: Path) -> None:
    doc = "regions/skaraborg/documents/skaraborg-strategisk-plan-2022-2024.md"
    edit(data, doc, "key: skaraborg-strategisk-plan-2022-2024", "key: skaraborg-plan")
    edit(data, doc, "## Kommunikatör", "## Kommunikation")
    problems = problems_of(data)
    assert any(
        p.startswith(f"data/{doc}: front matter.key: 'skaraborg-plan' must equal") for p in problems
    ), problems
    assert any(f"data/{doc}: section 'Kommunikation': duplicate section" in p for p in problems)


def test_parse_document_sections() -> None:
    text = (
        "---\nkey: demo\ntitle: Demo\nperiod: 2022–2025\nsource_file: x.txt\n---\n\n"
        "# Demo\n\nInledande text.\n\n## 4 Styrning och struktur\n\nText fyra.\n\n"
        "### Delregionalt politiskt samråd (DPS)\n\nDPS-text.\n\n#### Underrubrik\n\nMer.\n"
    )
    problems = Problems()
    doc = parse_document(text, "sodra-alvsborg", "demo", "demo.md", problems)
    assert problems.items == []
    assert [(s.key, s.number, s.title) for s in doc.sections] == [
        ("ingress", "", "Demo"),
        ("styrning-och-struktur", "4", "Styrning och struktur"),
        ("delregionalt-politiskt-samrad-dps", "", "Delregionalt politiskt samråd (DPS)"),
    ]
    assert doc.sections[2].text == "DPS-text.\n\n#### Underrubrik\n\nMer."
    assert (doc.period, doc.source_file, doc.region) == ("2022–2025", "x.txt", "sodra-alvsborg")


def test_missing_front_matter() -> None:
    problems = Problems()
    parse_document("# Titel\n\n## Avsnitt\n\nText.\n", "skaraborg", "demo", "demo.md", problems)
    assert "demo.md: front matter: missing (the file must start with a --- block)" in problems.items


def test_missing_regions_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing regions folder"):
        load_governance(tmp_path / "data")


def test_missing_example_files(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_example_paths(tmp_path / "data")
    assert info.value.problems == (
        "data/example/roster.csv: missing example file",
        "data/example/meetings.csv: missing example file",
    )

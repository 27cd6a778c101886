"""Reading governing documents from files: the same outline from PDF, Word and text, the
document's own facts, and the groups its text sets up (`bot.domain.reading`, `bot.files`)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from bot.domain.reading import Line, UnreadableFile, outline
from bot.domain.reading.facts import (
    dated_of,
    document_key,
    municipalities_of,
    period_of,
    to_document,
)
from bot.domain.reading.groups import find_groups
from bot.domain.reading.lines import join_broken_words, running_lines
from bot.files import FileReader

DOCS = Path(__file__).resolve().parents[2] / "bench" / "documents" / "vanerkusten"
SECTIONS = [
    "", "Inledning", "Syfte och mål", "Målgrupper", "Organisation", "Politiskt samråd",
    "Styrgrupp", "Arbetsutskott", "Lokala samverkansgrupper", "Temagrupper", "Vänerdagen",
    "Kansliet", "Ekonomi", "Avvikelsehantering", "Uppföljning", "Giltighet",
]  # fmt: skip


def read(fmt: str):  # type: ignore[no-untyped-def]
    path = DOCS / f"vanerkusten.{fmt}"
    return FileReader().read(path.name, path.read_bytes())


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_every_format_gives_the_same_sections(fmt: str) -> None:
    found = read(fmt)
    assert found.title == "Inriktningsdokument för Vårdsamverkan Vänerkusten 2026–2029"
    assert [s.title for s in found.sections] == SECTIONS
    assert [s.number for s in found.sections][1:6] == ["1", "2", "3", "4", "4.1"]
    assert [s.level for s in found.sections][4:6] == [1, 2]


def test_pdf_text_equals_the_plain_text() -> None:
    """Running heads, page numbers and a paragraph broken by a page break are repaired."""
    pdf, txt = read("pdf"), read("txt")
    for a, b in zip(pdf.sections[1:], txt.sections[1:], strict=True):
        assert a.text == b.text, a.title
    assert "Sida 1 av 6" not in pdf.text
    assert "kommunalförbund samordnar" in pdf.text  # "kommunalför-" + "bund" joined


def test_lists_come_out_as_markdown_items() -> None:
    council = read("pdf").sections[5]
    assert "I samrådet ingår:\n\n- en förtroendevald per kommun" in council.text
    assert "personlig ersättare,\n- två förtroendevalda" in council.text


def test_hyphens_are_joined_only_inside_words() -> None:
    assert join_broken_words("kommunalför-", "bund samordnar") == "kommunalförbund samordnar"
    assert join_broken_words("hälso-", "och sjukvård") == "hälso- och sjukvård"
    assert join_broken_words("VGR-", "Närhälsan") == "VGR- Närhälsan"


def test_running_heads_need_to_repeat_in_the_margin() -> None:
    lines = [
        Line("Vänerkusten – Inriktningsdokument", page=1, position=0.03),
        Line("Text på sidan ett.", page=1, position=0.5),
        Line("Sida 1 av 2", page=1, position=0.97),
        Line("Vänerkusten – Inriktningsdokument", page=2, position=0.03),
        Line("Vänerkusten – Inriktningsdokument", page=2, position=0.5),  # in the text: kept
        Line("Sida 2 av 2", page=2, position=0.97),
    ]
    assert running_lines(lines) == {0, 2, 3, 5}


def test_plain_text_headings_are_numbered_or_stand_alone() -> None:
    text = (
        "Samverkansplan för Dalby 2027–2030\n\n"
        "Inledning\n\n"
        "Dalby samverkar sedan länge. Planen gäller hela delregionen.\n\n"
        "2.1 Styrgruppen\n\n"
        "Styrgruppen sammanträder fyra gånger per år.\n"
        "Den leds av en ordförande.\n\n"
        "I styrgruppen ingår:\n"
        "- två från regionen\n"
        "- en per kommun\n"
    )
    found = FileReader().read("plan.txt", text.encode() * 1)
    assert found.title == "Samverkansplan för Dalby 2027–2030"
    assert [(s.number, s.title) for s in found.sections] == [
        ("", "Inledning"),
        ("2.1", "Styrgruppen"),
    ]
    assert "I styrgruppen ingår:\n\n- två från regionen\n- en per kommun" in found.sections[1].text


def test_markdown_headings_and_front_matter() -> None:
    text = "---\ntitle: Plan\n---\n# Plan för Dalby\n\n## 1 Syfte\n\nSyftet är gott. " * 1
    found = FileReader().read("plan.md", (text + "Ord " * 30).encode())
    assert found.title == "Plan för Dalby"
    assert [(s.number, s.title, s.level) for s in found.sections] == [("1", "Syfte", 1)]


def test_word_without_heading_styles_uses_bold_standalone_lines() -> None:
    document = docx.Document()
    document.add_paragraph("Överenskommelse om samverkan i Dalby 2027–2030", style="Title")
    heading = document.add_paragraph()
    heading.add_run("Styrgruppen").bold = True
    document.add_paragraph("Styrgruppen sammanträder sex gånger per år. " * 5)
    buffer = io.BytesIO()
    document.save(buffer)
    found = FileReader().read("plan.docx", buffer.getvalue())
    assert found.title == "Överenskommelse om samverkan i Dalby 2027–2030"
    assert [s.title for s in found.sections] == ["Styrgruppen"]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("plan.pdf", b"not a pdf at all", "inte en PDF"),
        ("plan.pdf", b"%PDF-1.7\n garbage", "går inte att läsa"),
        ("plan.docx", b"PK not really a zip", "inte ett Word-dokument"),
        ("plan.exe", b"MZ", "Filtypen .exe"),
        ("plan.txt", b"", "tom"),
        ("plan.txt", b"Kort.", "nästan ingen text"),
        ("plan.txt", b"\x00\x01\x02" * 100, "binära"),
    ],
)
def test_unreadable_files_get_a_swedish_reason(name: str, data: bytes, says: str) -> None:
    with pytest.raises(UnreadableFile) as raised:
        FileReader().read(name, data)
    assert says in raised.value.reason


def test_an_oversized_file_is_refused_before_reading() -> None:
    with pytest.raises(UnreadableFile) as raised:
        FileReader(max_bytes=1000).read("plan.txt", b"ord " * 1000)
    assert "största tillåtna" in raised.value.reason


def test_the_documents_own_facts() -> None:
    found = read("pdf")
    assert period_of(found) == "2026–2029"
    assert dated_of(found) == "2025-10-09"
    assert municipalities_of(found.text) == ("Norrvik", "Ekstad", "Lövsjö", "Bergaby", "Åsdal")
    assert (
        document_key(found.title, "2026–2029")
        == "inriktningsdokument-for-vardsamverkan-vanerkusten-2026-2029"
    )
    assert outline([]).sections == ()


def test_groups_are_found_in_the_documents_headings() -> None:
    found = read("docx")
    document = to_document(found, key="vk", region="vanerkusten")
    groups = {g.key: g for g in find_groups([document], "vanerkusten")}
    assert set(groups) == {
        "politiskt-samrad", "styrgrupp", "arbetsutskott", "lokala-samverkansgrupper",
        "temagrupper", "kansliet",
    }  # fmt: skip
    council = groups["politiskt-samrad"]
    assert (council.name, council.short_name) == ("Politiskt samråd Vänerkusten", "PSV")
    assert council.frequency is not None and council.frequency.min_per_year == 4
    assert council.secretary is not None and council.secretary.text == "Kansliet är sekreterare."
    steering = groups["styrgrupp"]
    assert steering.frequency is not None and steering.frequency.text == "sex gånger per år"
    seats = {s.organisation: s for s in steering.seats}
    assert seats["VKS"].count == 2 and seats["VKS"].voting
    assert seats["Folktandvården"].adjunct and not seats["Folktandvården"].voting
    assert "Styrgruppen" in steering.aliases
    committee = groups["arbetsutskott"]
    assert committee.short_name == "AU" and committee.prepares_for == "styrgrupp"
    assert steering.prepared_by is not None and "Arbetsutskottet" in steering.prepared_by.text
    # Every rule is a sentence of the section it cites.
    for group in groups.values():
        for rule in (group.description, group.chair, group.secretary, group.minutes):
            if rule is not None:
                section = document.section(rule.source.section)
                assert section is not None and rule.text.split("\n")[0] in section.text


def test_a_period_ends_by_the_local_date_and_a_single_year_is_no_period() -> None:
    document = to_document(read("txt"), key="vk", region="vanerkusten")
    ended = replace(document, period="2022–2025")
    assert not ended.ended_before(date(2025, 12, 31))  # New Year's Eve: still valid
    assert ended.ended_before(date(2026, 1, 1))
    assert not replace(document, period="2020").ended_before(date(2026, 6, 19))

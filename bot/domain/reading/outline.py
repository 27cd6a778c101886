"""A document's structure from its lines: the title, the headings, the sections' text.

The same rules serve every format, using what the format states and guessing only where it
states nothing:
- a heading the file marks (Word style, Markdown `#`) is a heading;
- where fonts are known (PDF), a line clearly larger than the body text is a heading, and a
  short bold line standing alone is one too;
- where nothing is marked (plain text, Word without heading styles), a numbered line
  ("4.1 Politiskt samråd") or a short line standing alone, without closing punctuation, is one.
Section text comes out as the Markdown the seed documents use: paragraphs separated by a
blank line, list items as "- …", words hyphenated at a line break joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.reading.lines import Line, join_broken_words, with_bullets

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+([A-ZÅÄÖ].*)$")
_CLOSING = (".", ",", ";", ":", "!", "?")
MAX_HEADING_CHARS = 110
_LARGER = 0.9  # points above the body text that make a line a heading


@dataclass(frozen=True, slots=True)
class OutlineSection:
    number: str  # "4.1", or "" when unnumbered
    title: str  # "" for the text before the first heading
    level: int
    text: str  # Markdown: paragraphs and "- " list items


@dataclass(frozen=True, slots=True)
class Outline:
    title: str
    sections: tuple[OutlineSection, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)


def outline(raw: Sequence[Line]) -> Outline:
    lines = [line for line in with_bullets(raw) if line.text]
    if not lines:
        return Outline("", ())
    body_size = _body_size(lines)
    # A file that marks its headings (Word styles, Markdown) is taken at its word; a title
    # style alone says nothing of the headings.
    marked = any(line.level for line in lines)
    heading_sizes = sorted(
        {round(x.size, 1) for x in lines if body_size and x.size >= body_size + _LARGER},
        reverse=True,
    )
    title, start = _title(lines, body_size, marked)
    sections: list[OutlineSection] = []
    head: tuple[str, str, int] = ("", "", 0)
    paragraphs: list[str] = []

    def close() -> None:
        text, previous = "", ""
        for p in (p for p in paragraphs if p.strip()):
            # List items stand on consecutive lines, paragraphs a blank line apart (data/).
            both_items = p.startswith("- ") and previous.startswith("- ")
            text = f"{text}{chr(10) if both_items else chr(10) * 2}{p}" if text else p
            previous = p
        if head[1] or text:
            sections.append(OutlineSection(head[0], head[1], head[2], text))
        paragraphs.clear()

    i = start
    while i < len(lines):
        line = lines[i]
        level = _heading_level(lines, i, body_size, marked, heading_sizes)
        if level:
            # A heading set over two lines (a large font wraps) is one heading.
            text = line.text
            while (
                i + 1 < len(lines)
                and body_size
                and not lines[i + 1].gap_before
                and round(lines[i + 1].size, 1) == round(line.size, 1)
                and _heading_level(lines, i + 1, body_size, marked, heading_sizes) == 0
                and len(text) + len(lines[i + 1].text) <= MAX_HEADING_CHARS
            ):
                i += 1
                text = join_broken_words(text, lines[i].text)
            close()
            numbered = _NUMBERED.match(text)
            head = (numbered.group(1), numbered.group(2), level) if numbered else ("", text, level)
            i += 1
            continue
        _add_line(paragraphs, line, first=i == start)
        i += 1
    close()
    return Outline(title, tuple(sections))


def _add_line(paragraphs: list[str], line: Line, *, first: bool) -> None:
    if line.bullet:
        paragraphs.append(f"- {line.text}")
    elif not paragraphs or line.gap_before or first:
        paragraphs.append(line.text)
    else:
        # The same paragraph, or a list item's continuation (a PDF wraps long items
        # without repeating the bullet).
        paragraphs[-1] = join_broken_words(paragraphs[-1], line.text)


def _body_size(lines: Sequence[Line]) -> float:
    """The font size most of the text is set in; 0 when the format gives no sizes."""
    weights: Counter[float] = Counter()
    for line in lines:
        if line.size and not line.level:
            weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _title(lines: Sequence[Line], body_size: float, marked: bool) -> tuple[str, int]:
    """The title and the index of the first line after it."""
    if any(line.title for line in lines):
        begin = next(i for i, line in enumerate(lines) if line.title)
        end = begin
        while end + 1 < len(lines) and lines[end + 1].title:
            end += 1
        return " ".join(x.text for x in lines[begin : end + 1]), end + 1
    first = lines[0]
    if _NUMBERED.match(first.text) or len(first.text) > 2 * MAX_HEADING_CHARS:
        return "", 0
    if body_size and first.size < body_size + _LARGER:
        # A PDF that opens with body text has no title line; its headings follow.
        return "", 0
    end = 0
    while (
        end + 1 < len(lines)
        and not lines[end + 1].gap_before
        and (not body_size or round(lines[end + 1].size, 1) == round(first.size, 1))
        and (body_size or marked)
        and lines[end + 1].level == first.level
    ):
        end += 1
    return " ".join(x.text for x in lines[: end + 1]), end + 1


def _heading_level(
    lines: Sequence[Line], i: int, body_size: float, marked: bool, heading_sizes: list[float]
) -> int:
    line = lines[i]
    if line.level:
        return line.level
    if marked or line.bullet or len(line.text) > MAX_HEADING_CHARS:
        return 0
    if line.text.endswith(_CLOSING):
        return 0
    numbered = _NUMBERED.match(line.text)
    depth = numbered.group(1).count(".") + 1 if numbered else 0
    if body_size:
        size = round(line.size, 1)
        if size in heading_sizes:
            return depth or heading_sizes.index(size) + 1
        if line.bold and _stands_alone(lines, i) and (numbered or len(line.text) <= 70):
            return depth or len(heading_sizes) + 1
        return 0
    if numbered and _stands_alone(lines, i):
        return depth
    if line.bold and _stands_alone(lines, i) and len(line.text) <= 70:
        return 1
    if _stands_alone(lines, i) and _looks_like_heading(line.text):
        return 1
    return 0


def _stands_alone(lines: Sequence[Line], i: int) -> bool:
    # A short line followed by a list is the list's lead-in, not a heading.
    starts = i == 0 or lines[i].gap_before
    last = i + 1 >= len(lines)
    return starts and (last or (lines[i + 1].gap_before and not lines[i + 1].bullet))


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 9
        and len(text) <= 70
        and text[0].isupper()
        and not text.endswith(_CLOSING)
    )

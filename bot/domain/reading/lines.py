"""What a file reader hands over: the document's lines with the hints its format gives.

A Word file states its headings (styles), a Markdown file marks them (`#`), a PDF only shows
them (a larger or bold font, a number in front), and a text file has nothing but its line
breaks. Each reader (`bot.files`) turns its format into these lines; `outline` then finds
the structure the same way for all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.domain.names import fold


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    size: float = 0.0  # font size in points (PDF); 0: the format does not say
    bold: bool = False  # the whole line is bold
    level: int = 0  # heading level the file states (Word style, Markdown #); 0: body text
    title: bool = False  # the file marks this as the document's title (Word "Title" style)
    gap_before: bool = False  # a blank line or a vertical gap before it: a new paragraph
    bullet: bool = False  # a list item
    page: int = 0  # 1-based page (PDF); 0: no pages
    position: float = 0.5  # top of the line as a fraction of the page's height (PDF)


_BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□–—*-]|\(?[a-zåäö\d]{1,2}\))\s+")
_PAGE_NUMBER = re.compile(r"^(?:sida|page|s\.)?\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?$")
_MARGIN = 0.09  # running heads and feet sit in the top and bottom 9 % of a page


def strip_bullet(text: str) -> tuple[str, bool]:
    """'• en per kommun' -> ('en per kommun', True)."""
    match = _BULLET.match(text)
    if match is None:
        return text.strip(), False
    return text[match.end() :].strip(), True


def _shape(text: str) -> str:
    # Page numbers and dates change from page to page; the running head's words do not.
    return re.sub(r"\d+", "#", fold(text))


def running_lines(lines: Sequence[Line]) -> set[int]:
    """The indexes of page headers, footers and page numbers: lines in a page's top or
    bottom margin that repeat (digits aside) on at least half the pages, and lone page
    numbers there."""
    pages = {line.page for line in lines if line.page}
    if len(pages) < 2:
        return {i for i, line in enumerate(lines) if _PAGE_NUMBER.match(fold(line.text))}
    in_margin = [line for line in lines if line.position < _MARGIN or line.position > 1 - _MARGIN]
    seen = Counter({(shape, page) for shape, page in ((_shape(x.text), x.page) for x in in_margin)})
    per_shape = Counter(shape for shape, _page in seen)
    running = {shape for shape, n in per_shape.items() if n * 2 >= len(pages)}
    found = set()
    for i, line in enumerate(lines):
        marginal = line.position < _MARGIN or line.position > 1 - _MARGIN
        if marginal and (_shape(line.text) in running or _PAGE_NUMBER.match(fold(line.text))):
            found.add(i)
    return found


def join_broken_words(first: str, second: str) -> str:
    """Two lines of one paragraph as one text, repairing a word hyphenated at the break:
    'kommunalför-' + 'bund samordnar' -> 'kommunalförbund samordnar', but
    'hälso-' + 'och sjukvård' keeps its hyphen ('hälso- och sjukvård')."""
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha():
        next_word = re.split(r"[\s,.;:]", second, maxsplit=1)[0]
        if next_word[:1].islower() and fold(next_word) not in _CONJUNCTIONS:
            return first[:-1] + second
        return f"{first} {second}"
    return f"{first} {second}"


_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "som", "and", "or"})


def with_bullets(lines: Sequence[Line]) -> list[Line]:
    """Bullets found in the text itself ('• …', '- …', 'a) …') marked as list items."""
    out = []
    for line in lines:
        text, is_bullet = strip_bullet(line.text)
        out.append(replace(line, text=text, bullet=line.bullet or is_bullet))
    return out

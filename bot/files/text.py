"""Plain text and Markdown: blank lines separate paragraphs; Markdown marks its headings."""

from __future__ import annotations

import re

import yaml

from bot.domain.reading import Line, UnreadableFile

_ATX = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the two encodings Swedish text
    files come in; a file with NUL bytes is not text."""
    if b"\x00" in data[:4096]:
        raise UnreadableFile("Filen innehåller binära data och är inte en textfil.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_lines(data: bytes) -> list[Line]:
    lines: list[Line] = []
    gap = True
    for raw in decode(data).splitlines():
        text = raw.strip()
        if not text:
            gap = True
            continue
        lines.append(Line(text, gap_before=gap))
        gap = False
    return lines


def markdown_lines(data: bytes) -> list[Line]:
    """'# ' is the title, '## ' a heading of level 1, '### ' level 2, as in data/; a file
    without a '# ' title counts its levels from the largest heading it has."""
    text = decode(data)
    match = _FRONT_MATTER.match(text)
    title = ""
    if match is not None:
        text = text[match.end() :]
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            title = meta["title"]
    raw = text.splitlines()
    depths = [len(m.group(1)) for m in map(_ATX.match, raw) if m]
    top = min(depths, default=1)
    has_title = depths.count(top) == 1 and top == 1
    lines: list[Line] = [Line(title, title=True)] if title and not has_title else []
    gap = True
    for line in raw:
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            gap = True
            continue
        heading = _ATX.match(stripped)
        if heading is None:
            lines.append(Line(stripped, gap_before=gap))
        else:
            depth = len(heading.group(1))
            if has_title and depth == top:
                lines.append(Line(heading.group(2), title=True, gap_before=True))
            else:
                level = depth - top if has_title else depth - top + 1
                lines.append(Line(heading.group(2), level=max(level, 1), gap_before=True))
        gap = False
    return lines

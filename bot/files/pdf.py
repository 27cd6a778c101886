"""PDF via pdfplumber: each text line with its font size, boldness, page and place on the
page, and whether a vertical gap (a new paragraph) comes before it."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import replace

import pdfplumber

from bot.domain.reading import Line, UnreadableFile
from bot.domain.reading.lines import running_lines

_GAP = 0.6  # a space between lines taller than this share of the font size: new paragraph
_SENTENCE_END = (".", ":", "!", "?")
MAX_PAGES = 400


def pdf_lines(data: bytes) -> list[Line]:
    if not data.startswith(b"%PDF"):
        raise UnreadableFile("Filen är inte en PDF (den börjar inte som en PDF-fil gör).")
    found: list[tuple[Line, float, float]] = []  # a line, its top and bottom in points
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise UnreadableFile(f"PDF:en har {len(pdf.pages)} sidor; jag läser högst {MAX_PAGES}.")
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.height) or 1.0
            for item in page.extract_text_lines(return_chars=True, strip=True):
                chars = [c for c in item["chars"] if str(c.get("text", "")).strip()]
                text = " ".join(str(item["text"]).split())
                if not chars or not text:
                    continue
                size = Counter(round(float(c["size"]), 1) for c in chars).most_common(1)[0][0]
                bold = all("bold" in str(c.get("fontname", "")).lower() for c in chars)
                top = float(item["top"])
                line = Line(text, size=size, bold=bold, page=number, position=top / height)
                found.append((line, top, float(item["bottom"])))
    running = running_lines([line for line, _, _ in found])
    kept = [entry for i, entry in enumerate(found) if i not in running]
    lines: list[Line] = []
    for i, (line, top, _bottom) in enumerate(kept):
        if i == 0:
            gap = True
        elif kept[i - 1][0].page != line.page:
            # A paragraph broken by the page break goes on, unless the last page's line
            # ended a sentence.
            gap = lines[-1].text.endswith(_SENTENCE_END)
        else:
            gap = top - kept[i - 1][2] > _GAP * line.size
        lines.append(replace(line, gap_before=gap))
    return lines

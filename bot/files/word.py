"""Word (.docx) via python-docx: heading styles (English or Swedish names) give the levels,
list styles and numbering give list items, tables are read row by row."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from bot.domain.reading import Line, UnreadableFile

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|rubrik|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|liststycke|punktlista|numrerad", re.IGNORECASE)


def word_lines(data: bytes) -> list[Line]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(
            "Filen är inte ett Word-dokument i .docx-format. Spara den som .docx eller PDF."
        )
    document = docx.Document(io.BytesIO(data))
    lines = []
    for paragraph in _paragraphs(document):
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        heading = _HEADING_STYLE.match(style or "")
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        runs = [r for r in paragraph.runs if r.text.strip()]
        lines.append(
            Line(
                text,
                level=int(heading.group(1)) if heading else 0,
                title=bool(_TITLE_STYLE.match(style or "")),
                bold=bool(runs) and all(r.bold for r in runs),
                bullet=not heading and (bool(_LIST_STYLE.search(style or "")) or numbered),
                gap_before=True,
            )
        )
    return lines


def _paragraphs(document: WordDocument) -> Iterator[Paragraph]:
    """Body paragraphs and table cells' paragraphs, in document order."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block

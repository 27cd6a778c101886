"""File formats in: PDF (pdfplumber), Word (python-docx), Markdown and plain text.

Each reader turns its format into `bot.domain.reading.Line`s with the hints the format gives;
`bot.domain.reading.outline` finds the structure the same way for all of them. Any failure of
a parsing library becomes `UnreadableFile` with a Swedish reason: nothing of a library's error
text reaches a person.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

from bot.domain.reading import SUFFIXES, Outline, UnreadableFile, outline
from bot.files.pdf import pdf_lines
from bot.files.text import markdown_lines, text_lines
from bot.files.word import word_lines

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a governing document is well under 5 MB


class FileReader:
    """`DocumentReader` for the formats the office sends."""

    def __init__(self, max_bytes: int = MAX_FILE_BYTES) -> None:
        self.max_bytes = max_bytes

    def read(self, name: str, data: bytes) -> Outline:
        suffix = PurePath(name).suffix.lower()
        if suffix not in SUFFIXES:
            raise UnreadableFile(
                f"Filtypen {suffix or '(ingen)'} kan jag inte läsa. Skicka dokumentet som "
                "PDF, Word (.docx), Markdown (.md) eller text (.txt)."
            )
        if len(data) > self.max_bytes:
            raise UnreadableFile(
                f"Filen är {len(data) / 1e6:.1f} MB; största tillåtna är "
                f"{self.max_bytes / 1e6:.0f} MB."
            )
        if not data:
            raise UnreadableFile("Filen är tom.")
        try:
            if suffix == ".pdf":
                lines = pdf_lines(data)
            elif suffix == ".docx":
                lines = word_lines(data)
            elif suffix == ".md":
                lines = markdown_lines(data)
            else:
                lines = text_lines(data)
        except UnreadableFile:
            raise
        except Exception:  # the parsing libraries raise many kinds; the person needs one
            log.warning("cannot parse %s", name, exc_info=True)
            raise UnreadableFile(
                f"Filen går inte att läsa som {_FORMAT_NAMES[suffix]}; den kan vara skadad, "
                "lösenordsskyddad eller av en annan typ än namnet säger."
            ) from None
        result = outline(lines)
        if len(result.text.split()) < 20:
            raise UnreadableFile(
                "Jag hittar nästan ingen text i filen. Är den en inskannad bild? Skicka en "
                "version med text (t.ex. Word eller en PDF som går att markera text i)."
            )
        return result


_FORMAT_NAMES = {".pdf": "PDF", ".docx": "Word-dokument", ".md": "Markdown", ".txt": "text"}

"""Governing documents read from files: lines in, an outline and its facts out (pure)."""

from __future__ import annotations

from typing import Protocol

from bot.domain.reading.lines import Line
from bot.domain.reading.outline import Outline, OutlineSection, outline

SUFFIXES = (".pdf", ".docx", ".md", ".txt")


class UnreadableFile(Exception):
    """The file cannot be read as a document; `reason` says why, in Swedish, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DocumentReader(Protocol):
    """Reads a file's bytes (by its name's suffix) into an outline, or raises UnreadableFile."""

    def read(self, name: str, data: bytes) -> Outline: ...


__all__ = [
    "SUFFIXES",
    "DocumentReader",
    "Line",
    "Outline",
    "OutlineSection",
    "UnreadableFile",
    "outline",
]

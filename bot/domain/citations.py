"""How a source is named to a member: document title and section."""

from __future__ import annotations

from bot.domain.model import Governance, SourceRef


def cite(governance: Governance, ref: SourceRef) -> str:
    """'Inriktningsdokument … 2022–2025, avsnitt 4 Styrgrupp' (or the keys if data is stale)."""
    document = governance.document(ref.document)
    if document is None:
        return f"{ref.document}, {ref.section}"
    section = document.section(ref.section)
    if section is None:
        return document.title
    label = f"{section.number} {section.title}".strip()
    return f"{document.title}, avsnitt {label}"

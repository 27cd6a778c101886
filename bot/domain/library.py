"""The office's own library: documents imported from files and regions added without code.

`data/` is what developers keep in the repository; the library is what the office adds at
run time, stored in the database so every instance sees it. `merged` lays the library over
`data/` into the one `Governance` the bot answers from:
- an imported document joins its region's documents; one that replaces another (`--replaces`)
  marks the old one replaced, so answers cite the valid version (the old stays citable by the
  rules in `data/` that quote it);
- a region added from data alone gets its municipalities and its groups from its documents'
  own text (`bot.domain.reading`), with no hand-written YAML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from bot.domain.model import Document, Governance, Region, RegionData, Section
from bot.domain.reading.facts import municipalities_of
from bot.domain.reading.groups import find_groups
from bot.domain.validation import slug

ACTIVE = "active"
REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class AddedRegion:
    key: str
    name: str
    collaboration: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    document: Document
    file_name: str = ""
    imported_at: datetime | None = None
    imported_by: str = ""


@dataclass(frozen=True, slots=True)
class Library:
    regions: tuple[AddedRegion, ...] = ()
    documents: tuple[ImportedDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class Pending:
    """A document read from a file in Teams, shown to the office, not yet imported."""

    id: int
    document: Document
    file_name: str
    by: str


class LibraryConflict(Exception):
    """The change cannot be made; `reason` says why, in Swedish, for the office."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def region_key(name: str) -> str:
    return slug(name)[:60]


def merged(base: Governance, library: Library) -> Governance:
    """`data/` with the library laid over it (see the module's docstring)."""
    replaced = {
        doc.document.replaces: doc.document.key
        for doc in library.documents
        if doc.document.replaces
    }
    imported_by_region: dict[str, list[Document]] = {}
    for item in library.documents:
        imported_by_region.setdefault(item.document.region, []).append(item.document)

    def documents(own: Sequence[Document], region: str) -> tuple[Document, ...]:
        every = [*own, *imported_by_region.get(region, [])]
        return tuple(
            replace(d, replaced_by=replaced[d.key]) if d.key in replaced else d for d in every
        )

    regions = [
        replace(data, documents=documents(data.documents, data.region.key)) for data in base.regions
    ]
    known = {data.region.key for data in base.regions}
    for added in library.regions:
        if added.key in known:
            continue
        docs = documents((), added.key)
        valid = [d for d in docs if not d.replaced_by]
        text = "\n\n".join(s.text for d in valid for s in d.sections)
        region = Region(
            key=added.key,
            name=added.name,
            collaboration=added.collaboration or added.name,
            office_name="",
            local_group_term="",
            municipalities=municipalities_of(text),
            aliases=added.aliases,
        )
        regions.append(RegionData(region, find_groups(valid, added.key), docs))
    return Governance(tuple(regions))


def document_json(document: Document) -> str:
    """A document as JSON (an import awaiting confirmation is kept this way)."""
    return json.dumps(asdict(document), ensure_ascii=False)


def document_from_json(text: str) -> Document:
    raw = json.loads(text)
    sections = tuple(Section(**s) for s in raw.pop("sections"))
    return Document(**raw, sections=sections)

"""Reading a file into a document, importing it, listing what is loaded: one path for the
command line (`python -m bot import document`) and for a file sent in Teams.

Nothing is stored until `commit`; `prepare` only reads and checks, so a bad file changes
nothing. After a commit the library's generation grows and `on_change` is called, so this
instance rebuilds its answers at once (others notice within the poll interval).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from bot.domain.library import LibraryConflict
from bot.domain.model import Document, Governance, Group
from bot.domain.names import fold, match_region, region_names
from bot.domain.ports import LibraryStore
from bot.domain.reading import DocumentReader, Outline
from bot.domain.reading.facts import document_key, to_document
from bot.domain.reading.groups import find_groups
from dialogs.library.texts import TEXTS


class ImportRefused(Exception):
    """The document cannot be imported as asked; `reason` is Swedish, for the office."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Prepared:
    document: Document
    groups: tuple[Group, ...]  # found in the text (regions added from data alone)


class LibraryDesk:
    def __init__(
        self,
        governance: Governance,
        store: LibraryStore,
        reader: DocumentReader,
        added_regions: frozenset[str],
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.governance = governance
        self._store = store
        self._reader = reader
        self._added = added_regions  # regions whose groups come from their documents
        self._on_change = on_change

    # -- reading ----------------------------------------------------------------------------

    def read(self, name: str, data: bytes) -> Outline:
        """The file's outline; raises UnreadableFile with a Swedish reason."""
        return self._reader.read(name, data)

    def prepare(
        self,
        outline: Outline,
        file_name: str,
        *,
        region: str | None = None,
        title: str = "",
        period: str = "",
        replaces: str | None = None,
        fallback_region: str = "",
    ) -> Prepared:
        """The document as it would be imported. `region` None: guessed from the text (else
        `fallback_region`); `replaces` None: the region's older version of the same
        document, when there is one."""
        key = self.region_key(region) if region else self.guess_region(outline)
        if key is None:
            key = fallback_region
        if not key or self.governance.region(key) is None:
            raise ImportRefused(self.unknown_region(region or ""))
        document = to_document(outline, key="", region=key, source_file=file_name)
        return self.revise(document, title=title, period=period, replaces=replaces)

    def revise(
        self,
        document: Document,
        *,
        region: str = "",
        title: str = "",
        period: str = "",
        replaces: str | None = None,
    ) -> Prepared:
        """The document with what the office corrected (the preview card's fields, the
        command line's options); its key follows its title and period."""
        key = document.region
        if region:
            found = self.region_key(region)
            if found is None:
                raise ImportRefused(self.unknown_region(region))
            key = found
        document = replace(
            document,
            region=key,
            title=title.strip() or document.title,
            period=_period(period) if period.strip() else document.period,
        )
        if not document.title:
            raise ImportRefused("Dokumentet har ingen titel; ange en (--title).")
        document = replace(document, key=document_key(document.title, document.period))
        old = self.guess_replaces(document) if replaces is None else self._resolve(replaces, key)
        if old and old == document.key:
            old = ""  # the same document again: an update, not a replacement
        document = replace(document, replaces=old)
        return Prepared(document, self._groups_with(document))

    async def commit(self, prepared: Prepared, by: str) -> str:
        """Import it; the Swedish receipt. Raises ImportRefused."""
        try:
            await self._store.import_document(prepared.document, prepared.groups, by)
        except LibraryConflict as err:
            raise ImportRefused(err.reason) from None
        self._on_change()
        return self.receipt(prepared)

    def receipt(self, prepared: Prepared) -> str:
        doc = prepared.document
        period = TEXTS.imported_period.format(period=doc.period) if doc.period else ""
        lines = [
            TEXTS.imported.format(
                title=doc.title,
                region=self.region_name(doc.region),
                sections=len(doc.sections),
                period=period,
            )
        ]
        if doc.replaces:
            old = self.governance.document(doc.replaces)
            lines.append(TEXTS.replaced.format(old=old.title if old else doc.replaces))
        if prepared.groups:
            names = ", ".join(g.label for g in prepared.groups)
            lines.append(TEXTS.groups_found.format(groups=names))
        return "\n".join(lines)

    # -- regions and versions ---------------------------------------------------------------

    def region_key(self, text: str) -> str | None:
        region = match_region(self.governance, text)
        return region.key if region else None

    def region_name(self, key: str) -> str:
        data = self.governance.region(key)
        return data.region.name if data else key

    def unknown_region(self, text: str) -> str:
        known = ", ".join(d.region.name for d in self.governance.regions)
        return TEXTS.no_region.format(region=text, known=known)

    def guess_region(self, outline: Outline) -> str | None:
        """The one region whose names the title (else the opening text) uses."""
        for text in (outline.title, " ".join(s.text for s in outline.sections[:2])[:3000]):
            folded = f" {fold(text)} "
            hits = {
                data.region.key
                for data in self.governance.regions
                for name in region_names(data.region)
                if len(name) > 3 and f" {name} " in folded
            }
            if len(hits) == 1:
                return hits.pop()
        return None

    def guess_replaces(self, document: Document) -> str:
        """The region's valid document with the same title apart from its years."""
        same = [
            d
            for d in self._documents(document.region)
            if _without_years(d.title) == _without_years(document.title) and d.key != document.key
        ]
        return same[-1].key if same else ""

    def _resolve(self, text: str, region: str) -> str:
        if not text:
            return ""
        wanted = fold(text)
        for d in self._documents(region):
            if wanted in (fold(d.key), fold(d.title)):
                return d.key
        raise ImportRefused(
            f'Det finns inget dokument "{text}" i {self.region_name(region)} att ersätta. '
            "Se nycklarna med `python -m bot documents`."
        )

    def _documents(self, region: str) -> Sequence[Document]:
        data = self.governance.region(region)
        return [d for d in data.documents if not d.replaced_by] if data else []

    def _groups_with(self, document: Document) -> tuple[Group, ...]:
        if document.region not in self._added:
            return ()  # data/ regions keep their hand-checked groups.yaml
        others = [
            d
            for d in self._documents(document.region)
            if d.key not in (document.key, document.replaces)
        ]
        return find_groups([*others, document], document.region)

    # -- listing ----------------------------------------------------------------------------

    def listing(self, today: date, region: str | None = None) -> list[tuple[str, list[str]]]:
        """(region name, lines) for each region (or the one asked for)."""
        out = []
        for data in self.governance.regions:
            if region is not None and data.region.key != region:
                continue
            lines = [self._line(d, today) for d in data.documents]
            out.append((data.region.name, lines))
        return out

    def _line(self, document: Document, today: date) -> str:
        details = []
        if document.period:
            details.append(TEXTS.list_period.format(period=document.period))
        if document.ended_before(today) and not document.replaced_by:
            details.append(TEXTS.list_ended)
        if document.replaced_by:
            new = self.governance.document(document.replaced_by)
            details.append(TEXTS.list_replaced.format(new=new.title if new else "?"))
        detail = f" ({'; '.join(details)})" if details else ""
        return f"{document.title}{detail} [{document.key}]"


def _without_years(title: str) -> str:
    return " ".join(w for w in fold(title).split() if not w.isdigit())


def _period(text: str) -> str:
    """'2026-2029' or '2026–2029' as the documents write it; '' stays ''."""
    years = re.findall(r"(?:19|20)\d\d", text)
    if len(years) == 2:
        return f"{years[0]}–{years[1]}"
    if text.strip() and not years:
        raise ImportRefused(f'"{text}" är ingen period; skriv t.ex. 2026-2029.')
    return years[0] if years else ""

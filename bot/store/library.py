"""The office's library in the database: imported documents (with their sections), added
regions, the groups found in them, the change counter, and imports awaiting confirmation.

Every change adds a `library_changes` row in the same transaction, so an instance that sees
a higher generation knows the library changed and rebuilds its answers from `load()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.library import (
    AddedRegion,
    ImportedDocument,
    Library,
    LibraryConflict,
    Pending,
    document_from_json,
    document_json,
)
from bot.domain.model import Document, Group, Section
from bot.store.engine import Sessions
from bot.store.tables import (
    DATA,
    DocumentRow,
    GroupRow,
    LibraryChangeRow,
    PendingImportRow,
    RegionRow,
    SectionRow,
)

LIBRARY = "library"


class SqlLibrary:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def generation(self) -> int:
        async with self._sessions.read() as session:
            return int(await session.scalar(select(func.max(LibraryChangeRow.id))) or 0)

    async def load(self) -> Library:
        async with self._sessions.read() as session:
            regions = await session.scalars(
                select(RegionRow).where(RegionRow.origin == LIBRARY).order_by(RegionRow.key)
            )
            added = tuple(
                AddedRegion(r.key, r.name, r.collaboration, tuple(_lines(r.aliases)))
                for r in regions
            )
            rows = list(
                await session.scalars(
                    select(DocumentRow)
                    .where(DocumentRow.origin == LIBRARY)
                    .order_by(DocumentRow.imported_at, DocumentRow.key)
                )
            )
            sections: dict[str, list[Section]] = {row.key: [] for row in rows}
            if rows:
                found = await session.scalars(
                    select(SectionRow)
                    .where(SectionRow.document_key.in_(list(sections)))
                    .order_by(SectionRow.document_key, SectionRow.position)
                )
                for s in found:
                    sections[s.document_key].append(Section(s.key, s.number, s.title, s.text))
        documents = tuple(
            ImportedDocument(
                Document(
                    key=row.key,
                    region=row.region,
                    title=row.title,
                    period=row.period,
                    source_file=row.source_file,
                    sections=tuple(sections[row.key]),
                    dated=row.dated,
                    replaces=row.replaces,
                ),
                file_name=row.source_file,
                imported_at=row.imported_at,
                imported_by=row.imported_by,
            )
            for row in rows
        )
        return Library(added, documents)

    async def add_region(self, region: AddedRegion, by: str = "") -> None:
        async with self._sessions.write() as session:
            if await session.get(RegionRow, region.key) is not None:
                raise LibraryConflict(f"Regionen {region.key} finns redan.")
            session.add(
                RegionRow(
                    key=region.key,
                    name=region.name,
                    collaboration=region.collaboration or region.name,
                    origin=LIBRARY,
                    aliases="\n".join(region.aliases),
                )
            )
            await self._changed(session, f"region {region.key} tillagd", by)

    async def import_document(
        self, document: Document, groups: Sequence[Group], by: str = ""
    ) -> None:
        """Store the document (a re-import of the same key updates it) and the groups its
        region now has, so rosters and meetings can be imported into them."""
        async with self._sessions.write() as session:
            if await session.get(RegionRow, document.region) is None:
                raise LibraryConflict(f"Regionen {document.region} finns inte.")
            existing = await session.get(DocumentRow, document.key)
            if existing is not None and existing.origin == DATA:
                raise LibraryConflict(
                    f"{document.key} är ett av dokumenten i data/; ge det nya en annan "
                    f"nyckel och ange --replaces {document.key}."
                )
            if document.replaces:
                old = await session.get(DocumentRow, document.replaces)
                if old is None or old.region != document.region:
                    raise LibraryConflict(
                        f"Det finns inget dokument {document.replaces} i regionen att ersätta."
                    )
            values = {
                "region": document.region,
                "title": document.title,
                "period": document.period,
                "dated": document.dated,
                "source_file": document.source_file,
                "origin": LIBRARY,
                "replaces": document.replaces,
                "imported_at": self._sessions.now(),
                "imported_by": by,
            }
            if existing is None:
                session.add(DocumentRow(key=document.key, **values))
            else:
                for name, value in values.items():
                    setattr(existing, name, value)
                await session.execute(
                    delete(SectionRow).where(SectionRow.document_key == document.key)
                )
            await session.flush()
            for position, section in enumerate(document.sections):
                session.add(
                    SectionRow(
                        document_key=document.key,
                        key=section.key,
                        number=section.number,
                        title=section.title,
                        text=section.text,
                        position=position,
                    )
                )
            await self._add_groups(session, groups)
            await self._changed(session, f"dokument {document.key} importerat", by)

    async def save_pending(self, document: Document, file_name: str, by: str) -> int:
        async with self._sessions.write() as session:
            row = PendingImportRow(
                created_at=self._sessions.now(),
                by=by,
                file_name=file_name,
                document=document_json(document),
            )
            session.add(row)
            await session.flush()
            return row.id

    async def pending(self, pending_id: int) -> Pending | None:
        async with self._sessions.read() as session:
            row = await session.get(PendingImportRow, pending_id)
            if row is None:
                return None
            return Pending(row.id, document_from_json(row.document), row.file_name, row.by)

    async def drop_pending(self, pending_id: int) -> bool:
        async with self._sessions.write() as session:
            result = await session.execute(
                delete(PendingImportRow).where(PendingImportRow.id == pending_id)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    async def _add_groups(self, session: AsyncSession, groups: Sequence[Group]) -> None:
        for group in groups:
            found = await session.scalar(
                select(GroupRow).where(GroupRow.region == group.region, GroupRow.key == group.key)
            )
            if found is None:
                session.add(
                    GroupRow(
                        region=group.region,
                        key=group.key,
                        kind=group.kind.value,
                        name=group.name,
                        short_name=group.short_name,
                    )
                )

    async def _changed(self, session: AsyncSession, what: str, by: str) -> None:
        session.add(LibraryChangeRow(at=self._sessions.now(), what=what[:400], by=by[:200]))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]

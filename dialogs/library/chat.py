"""The library in Teams: a file sent to the bot in a personal chat is read and shown on a
card; *Läs in* imports it, *Avbryt* drops it. `visa dokument` lists what is loaded.

Only the office imports (the route is the office's); the file is fetched from the link
Teams gives, read in a worker thread (a PDF takes a moment), and kept as a pending import
until the office decides, so the card's button works on any instance.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.ids import row_id
from bot.domain.library import Pending
from bot.domain.ports import ConversationKind, DownloadFailed, FileDownload, LibraryStore
from bot.domain.reading import UnreadableFile
from dialogs import cards
from dialogs.library.cards import preview_card
from dialogs.library.desk import ImportRefused, LibraryDesk, Prepared
from dialogs.library.texts import TEXTS
from dialogs.reply import Reply
from dialogs.routing import Turn


class LibraryChat:
    def __init__(
        self,
        desk: LibraryDesk,
        store: LibraryStore,
        download: FileDownload | None,
        max_bytes: int,
        tz: ZoneInfo,
    ) -> None:
        self._desk = desk
        self._store = store
        self._download = download
        self._max_bytes = max_bytes
        self._tz = tz

    async def on_file(self, turn: Turn) -> Reply:
        if turn.kind is not ConversationKind.PERSONAL:
            return Reply(TEXTS.personal_only)
        sent = turn.files[0]
        if self._download is None:
            return Reply(TEXTS.download_failed)
        try:
            data = await self._download.fetch(sent.url, self._max_bytes)
        except DownloadFailed:
            return Reply(TEXTS.download_failed)
        try:
            outline = await asyncio.to_thread(self._desk.read, sent.name, data)
            prepared = self._desk.prepare(outline, sent.name, fallback_region=turn.region)
        except UnreadableFile as err:
            return Reply(TEXTS.unreadable.format(file=sent.name, reason=err.reason))
        except ImportRefused as err:
            return Reply(TEXTS.refused.format(reason=err.reason))
        pending_id = await self._store.save_pending(prepared.document, sent.name, turn.by)
        reply = self._preview(prepared, pending_id, sent.name)
        if len(turn.files) > 1:
            return Reply(TEXTS.one_file.format(file=sent.name) + "\n\n" + reply.text, reply.card)
        return reply

    async def confirm(self, turn: Turn) -> Reply:
        pending = await self._pending(turn)
        if pending is None:
            return Reply(TEXTS.gone)
        value = turn.value
        try:
            prepared = self._desk.revise(
                pending.document,
                region=_text(value, "region"),
                title=_text(value, "title"),
                period=_text(value, "period"),
                replaces=_text(value, "replaces"),
            )
            receipt = await self._desk.commit(prepared, turn.by)
        except ImportRefused as err:
            return Reply(TEXTS.refused.format(reason=err.reason))
        await self._store.drop_pending(pending.id)
        return Reply(receipt)

    async def cancel(self, turn: Turn) -> Reply:
        pending = await self._pending(turn)
        if pending is None:
            return Reply(TEXTS.gone)
        await self._store.drop_pending(pending.id)
        return Reply(TEXTS.cancelled)

    async def show(self, turn: Turn, rest: str = "") -> Reply:
        """`visa dokument [region]`: every region's documents, or the one named."""
        region = self._desk.region_key(rest) if rest.strip() else None
        if rest.strip() and region is None:
            return Reply(self._desk.unknown_region(rest.strip()))
        today = turn.now.astimezone(self._tz).date()
        body: list[cards.Element] = []
        lines = []
        for name, docs in self._desk.listing(today, region):
            heading = TEXTS.list_title.format(region=name)
            items = docs or [TEXTS.list_none.format(region=name)]
            body.append(cards.text_block(heading, weight="Bolder"))
            body.extend(cards.text_block(f"- {item}") for item in items)
            lines += [f"**{heading}**", *(f"- {item}" for item in items)]
        footer = TEXTS.list_hint if turn.is_office else ""
        if footer:
            body.append(cards.text_block(footer, subtle=True))
        text = "\n".join(lines) + (f"\n\n{footer}" if footer else "")
        return Reply(text, cards.card(body))

    def _preview(self, prepared: Prepared, pending_id: int, file_name: str) -> Reply:
        desk = self._desk
        regions = [(d.region.key, d.region.name) for d in desk.governance.regions]
        data = desk.governance.region(prepared.document.region)
        replaceable = (
            [(d.key, d.title) for d in data.documents if not d.replaced_by] if data else []
        )
        card = preview_card(prepared, pending_id, file_name, regions, replaceable)
        doc = prepared.document
        summary = TEXTS.preview_summary.format(
            title=doc.title,
            period=doc.period or "–",
            sections=len(doc.sections),
            region=desk.region_name(doc.region),
        )
        text = f"{TEXTS.preview_title.format(file=file_name)}: {summary}"
        return Reply(text, card)

    async def _pending(self, turn: Turn) -> Pending | None:
        number = row_id(turn.value.get("pending"))
        return await self._store.pending(number) if number is not None else None


def _text(value: Mapping[str, Any], key: str) -> str:
    item = value.get(key)
    return item.strip() if isinstance(item, str) else ""

"""The delivery worker: posts what is due from the outbox to Teams, paced and exactly once.

    report = await worker.run_once(now)    # the "delivery" job runs this in a loop

Each round it skips expired posts (telling the office once), gives waiting posts back to
channels that were bound again, claims due posts (leased, see `bot.store.outbox`) and sends
them: conversations concurrently (bounded), the posts of one conversation in order, each
send paced under Teams' limits per conversation and per tenant so 429s stay rare.

Outcomes: sent; 429 after the connector's own Retry-After retries: retried soon without
using up a try; 403/404: the post waits for the channel to be bound again and the office
is told once; 5xx/time-outs: retried with exponential backoff and jitter, dead after
`max_attempts` tries (office told); anything else Teams refuses: dead (office told).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.domain.clock import Clock
from bot.domain.messaging import Messenger, SendFailed
from bot.domain.outbox import (
    OFFICE_ALERT,
    ClaimedPost,
    OutboxStore,
    Post,
    digest,
    retry_delay,
)
from bot.domain.ports import ChannelBinding, StoredConversation, StoreUnavailable
from dialogs.failures import describe
from dialogs.notices.alerts import DeliveryAlerts
from dialogs.notices.pacing import DeliveryConfig, Pacer
from dialogs.office import OfficeDirectory

log = logging.getLogger(__name__)


class Conversations(Protocol):
    async def get(self, conversation_id: str) -> StoredConversation | None: ...

    async def binding_for(self, conversation_id: str) -> ChannelBinding | None: ...

    async def bindings_of_group(self, region: str, group: str) -> Sequence[ChannelBinding]: ...


@dataclass
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    throttled: int = 0
    waiting: int = 0
    dead: int = 0
    released: int = 0  # waiting posts given back after their channel was bound again
    skipped: list[str] = field(default_factory=list)
    alerts: int = 0


class DeliveryWorker:
    def __init__(
        self,
        outbox: OutboxStore,
        conversations: Conversations,
        messenger: Messenger,
        office: OfficeDirectory,
        alerts: DeliveryAlerts,
        clock: Clock,
        config: DeliveryConfig | None = None,
        *,
        worker_id: str | None = None,
    ) -> None:
        self._outbox = outbox
        self._conversations = conversations
        self._messenger = messenger
        self._office = office
        self._alerts = alerts
        self._clock = clock
        self.config = config or DeliveryConfig()
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._pacer = Pacer(self.config)
        self._slots = asyncio.Semaphore(self.config.concurrency)
        self._stopping = False
        # Posts Teams accepted whose "sent" mark could not be written yet (the database
        # was unreachable): written before anything else, never posted again.
        self._unrecorded: dict[str, tuple[str, datetime]] = {}

    def stop(self) -> None:
        """Finish the send under way, give the rest of the round back, claim no more."""
        self._stopping = True

    async def next_round(self, now: datetime) -> float:
        """One round for the job runner; seconds until the next (at once while busy)."""
        if self._stopping:
            return self.config.poll_interval
        report = await self.run_once(now)
        return 0.0 if report.claimed else self.config.poll_interval

    async def run_once(self, now: datetime | None = None) -> DeliveryReport:
        now = now or self._clock.now()
        report = DeliveryReport()
        await self._record_sent()
        await self._skip_expired(now, report)
        await self._release_rebound(now, report)
        claimed = await self._outbox.claim_due(
            now, self.worker_id, self.config.lease, self.config.batch
        )
        report.claimed = len(claimed)
        # Claimed again after a lost mark (the lease ran out meanwhile): Teams has it.
        claimed = [item for item in claimed if item.post.key not in self._unrecorded]
        await self._record_sent()
        if not claimed:
            return report
        queues: dict[str, list[ClaimedPost]] = {}
        for item in claimed:  # claim order is due order: each queue stays in order
            queues.setdefault(item.post.conversation_id, []).append(item)
        heartbeat = asyncio.create_task(self._heartbeat())
        try:
            results = await asyncio.gather(
                *(self._deliver(queue, report) for queue in queues.values()),
                return_exceptions=True,
            )
        finally:
            heartbeat.cancel()
            with suppress(asyncio.CancelledError):
                await heartbeat
        for result in results:
            if isinstance(result, BaseException):
                # Its posts stay claimed and go out again once the lease has run out.
                log.error("delivery to a conversation failed", exc_info=result)
        return report

    async def _heartbeat(self) -> None:
        """Renew the lease while a long (paced) round runs, so no one else takes over."""
        interval = self.config.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await self._outbox.extend_lease(
                    self.worker_id, self._clock.now() + self.config.lease
                )
            except Exception:
                log.warning("could not renew the lease of %s", self.worker_id, exc_info=True)

    async def _deliver(self, queue: list[ClaimedPost], report: DeliveryReport) -> None:
        async with self._slots:
            conversation = await self._conversations.get(queue[0].post.conversation_id)
            for index, item in enumerate(queue):
                if self._stopping:
                    rest = [later.post.key for later in queue[index:]]
                    await self._outbox.release(rest, self.worker_id)
                    return
                if item.post.expired(self._clock.now()):
                    # Given back: the next round's skip_expired reports it with the others.
                    await self._outbox.release([item.post.key], self.worker_id)
                    continue
                if conversation is None:
                    await self._gone(queue[index:], None, 404, report)
                    return
                where = (conversation.conversation_id, conversation.tenant_id)
                turn = await self._pacer.turn(*where)
                try:
                    if not await self._settled(self._attempt(conversation, queue[index:], report)):
                        return
                finally:
                    self._pacer.done(*where, turn)

    async def _settled(self, attempt: Awaitable[bool]) -> bool:
        task = asyncio.ensure_future(attempt)
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            # The request may already be with Teams: record its outcome before stopping,
            # or whoever takes over the claim would post it a second time.
            await asyncio.wait({task}, timeout=self.config.settle_timeout)
            task.cancel()
            raise

    async def _attempt(
        self, conversation: StoredConversation, queue: list[ClaimedPost], report: DeliveryReport
    ) -> bool:
        """Send the first post of `queue`; True to go on with the next one."""
        item, post = queue[0], queue[0].post
        later = [other.post.key for other in queue[1:]]
        try:
            answer = await self._messenger.send(
                conversation.service_url, post.conversation_id, _activity(post, conversation)
            )
        except SendFailed as err:
            log.warning("post %s: %s", post.key, err)
            # What the office may read (reports, alerts) says it in Swedish, without the
            # technical detail, which stays in the log.
            reason = describe(err.status)
            if err.gone:
                await self._gone(queue, conversation, err.status, report)
                return False
            if err.status == 429:
                report.throttled += 1
                at = self._clock.now() + timedelta(seconds=self.config.throttled_retry)
                await self._outbox.mark_retry(post.key, at, reason, counts=False)
                await self._outbox.release(later, self.worker_id)  # they follow it, in order
                return False
            if err.status in (0, 401, 408) or err.status >= 500:
                return await self._failed(item, later, reason, report)
            await self._dead(post, reason, report)  # Teams refuses this activity for good
            return True
        except Exception:  # a broken answer or connection the connector let through
            log.exception("post %s: unexpected failure while sending", post.key)
            return await self._failed(item, later, describe(0), report)
        self._unrecorded[post.key] = (str(answer.get("id", "")), self._clock.now())
        report.sent += 1
        try:
            await self._record_sent([post.key])
        except StoreUnavailable:
            return False  # the database is down: the rest of this queue waits for it
        return True

    async def _record_sent(self, keys: Sequence[str] | None = None) -> None:
        """Write the "sent" marks held in memory (of `keys`, or all); one that fails stays
        for the next try and ends the call with StoreUnavailable, so a round stops while
        the database is down instead of sending what it could not record."""
        for key in list(self._unrecorded) if keys is None else keys:
            held = self._unrecorded.get(key)
            if held is None:
                continue  # recorded meanwhile by another queue's call
            try:
                await self._outbox.mark_sent(key, *held)
            except StoreUnavailable:
                log.warning("post %s sent; its mark waits for the database", key)
                raise
            self._unrecorded.pop(key, None)

    async def _failed(
        self, item: ClaimedPost, later: list[str], error: str, report: DeliveryReport
    ) -> bool:
        attempts = item.attempts + 1
        if attempts >= self.config.max_attempts:
            await self._dead(item.post, f"{error} ({attempts} försök)", report)
            return True  # a dead post no longer holds back the ones after it
        delay = retry_delay(attempts, self.config.retry_base, self.config.retry_cap)
        at = self._clock.now() + timedelta(seconds=delay)
        await self._outbox.mark_retry(item.post.key, at, error)
        await self._outbox.release(later, self.worker_id)
        report.retried += 1
        return False

    async def _dead(self, post: Post, error: str, report: DeliveryReport) -> None:
        await self._outbox.mark_dead(post.key, error)
        report.dead += 1
        log.error("post %s is dead: %s", post.key, error)
        text = self._alerts.dead(post, error)
        await self._alert(post.region, f"dead:{post.key}", text, report, about=post)

    async def _gone(
        self,
        queue: list[ClaimedPost],
        conversation: StoredConversation | None,
        status: int,
        report: DeliveryReport,
    ) -> None:
        """The conversation is gone: everything queued for it waits for a new binding."""
        for item in queue:
            await self._outbox.mark_waiting(item.post.key, describe(status))
        report.waiting += len(queue)
        post = queue[0].post
        binding = await self._conversations.binding_for(post.conversation_id)
        bound = binding.bound_at.isoformat() if binding and binding.bound_at else "-"
        name = (binding.channel_name if binding else "") or (
            conversation.channel_name if conversation else ""
        )
        # Keyed by the binding: told once per broken channel, and again if a new binding
        # of the same channel breaks.
        key = f"gone:{post.conversation_id}:{bound}"
        text = self._alerts.gone(post, status, name)
        await self._alert(post.region, key, text, report, about=post)

    async def _skip_expired(self, now: datetime, report: DeliveryReport) -> None:
        skipped = await self._outbox.skip_expired(now)
        report.skipped = [post.key for post in skipped]
        by_region: dict[str, list[Post]] = {}
        for post in skipped:
            if post.kind != OFFICE_ALERT:
                by_region.setdefault(post.region, []).append(post)
        for region, posts in by_region.items():
            key = f"skipped:{region}:{digest([p.key for p in posts])}"
            await self._alert(region, key, self._alerts.skipped(posts), report)

    async def _release_rebound(self, now: datetime, report: DeliveryReport) -> None:
        """Waiting posts go again once their channel is bound anew or has written to us."""
        for conversation_id, since in (await self._outbox.waiting_conversations()).items():
            binding = await self._conversations.binding_for(conversation_id)
            stored = await self._conversations.get(conversation_id)
            bound_at = binding.bound_at if binding else None
            seen_at = stored.updated_at if stored else None
            if any(at is not None and at > since for at in (bound_at, seen_at)):
                report.released += await self._outbox.release_waiting_for(conversation_id, now)

    async def _alert(
        self, region: str, key: str, text: str, report: DeliveryReport, about: Post | None = None
    ) -> None:
        """Tell the office (its bound channel) once per `key`; log when none is bound."""
        if about is not None and about.kind == OFFICE_ALERT:
            # An alert that cannot be delivered is not alerted about: no loop of alerts.
            log.error("office alert %s not delivered: %s", about.key, text)
            return
        for office_region, group in self._office.groups(region):
            for binding in await self._conversations.bindings_of_group(office_region, group):
                alert = Post(
                    key=f"{OFFICE_ALERT}:{key}",
                    region=office_region,
                    group=group,
                    conversation_id=binding.conversation_id,
                    due_at=self._clock.now(),
                    kind=OFFICE_ALERT,
                    activity={"type": "message", "text": text},
                )
                if await self._outbox.enqueue(alert):
                    report.alerts += 1
                return
        log.warning("no office channel bound for %s; not told: %s", region, text)


def _activity(post: Post, conversation: StoredConversation) -> dict[str, Any]:
    activity = dict(post.activity)
    activity.setdefault("type", "message")
    # Teams routes and counts a proactive post by its conversation and tenant.
    target: dict[str, Any] = {"id": post.conversation_id}
    if conversation.tenant_id:
        target["tenantId"] = conversation.tenant_id
    activity.setdefault("conversation", target)
    return activity

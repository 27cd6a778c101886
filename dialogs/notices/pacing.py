"""How fast the bot may post into Teams: the delivery settings, and a pacer that keeps every
send within Teams' limits per conversation and per tenant, so 429s stay rare."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import timedelta

from bot.domain.outbox import TEAMS_CONVERSATION_LIMITS, SlidingLimit


@dataclass(frozen=True)
class DeliveryConfig:
    tenant_rate: int = 30  # requests/second per tenant; Teams allows a bot 30–50
    conversation_limits: tuple[tuple[int, float], ...] = TEAMS_CONVERSATION_LIMITS
    margin: float = 0.02  # seconds added to each limit window: Teams' clock is not ours
    concurrency: int = 16  # conversations sent to at once
    max_attempts: int = 6  # failed tries (5xx, time-outs) before a post is dead
    lease: timedelta = timedelta(seconds=60)
    batch: int = 200  # posts claimed per round
    poll_interval: float = 1.0  # seconds between rounds when nothing was due
    retry_base: float = 5.0  # first backoff in seconds; doubles per try, with jitter
    retry_cap: float = 900.0
    throttled_retry: float = 2.0  # a 429 that outlasted the connector's own retries
    settle_timeout: float = 20.0  # on cancel: wait this long for a send already under way


class Pacer:
    """Waits until one more send to a conversation in a tenant keeps within Teams' limits."""

    def __init__(self, config: DeliveryConfig) -> None:
        self._conversations = SlidingLimit(config.conversation_limits, config.margin)
        self._tenants = SlidingLimit(((config.tenant_rate, 1.0),), config.margin)

    async def turn(self, conversation_id: str, tenant_id: str) -> float:
        """Wait for a turn and take it; returns its time, for `done`."""
        while True:
            now = time.monotonic()
            wait = max(
                self._conversations.wait(conversation_id, now), self._tenants.wait(tenant_id, now)
            )
            if wait <= 0:
                # Checked and recorded between awaits: atomic on the event loop.
                self._conversations.record(conversation_id, now)
                self._tenants.record(tenant_id, now)
                return now
            await asyncio.sleep(wait)

    def done(self, conversation_id: str, tenant_id: str, turn: float) -> None:
        """The request taken at `turn` has been answered: count it from now on."""
        now = time.monotonic()
        self._conversations.move(conversation_id, turn, now)
        self._tenants.move(tenant_id, turn, now)

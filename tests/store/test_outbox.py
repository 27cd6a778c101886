"""The outbox on SQLite and PostgreSQL: idempotent enqueue, claims and leases, outcomes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.outbox import Post, PostState
from bot.store.database import Database

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def post(n: int, conversation: str = "19:a@thread.tacv2", **overrides: object) -> Post:
    values: dict[str, object] = {
        "key": f"notice:m{n}:{conversation}",
        "region": "sodra-alvsborg",
        "group": "styrgrupp",
        "conversation_id": conversation,
        "due_at": T0 + timedelta(minutes=n),
        "kind": "notice",
        "activity": {"type": "message", "text": f"Kallelse {n}"},
        "meeting_id": n,
    }
    values.update(overrides)
    return Post(**values)  # type: ignore[arg-type]


def keys(claimed: object) -> list[str]:
    return [c.post.key for c in claimed]  # type: ignore[attr-defined]


async def test_enqueue_is_idempotent_by_key(db: Database) -> None:
    assert await db.outbox.enqueue(post(1))
    changed = post(1, activity={"type": "message", "text": "annan text"})
    assert not await db.outbox.enqueue(changed)
    entry = await db.outbox.get(post(1).key)
    assert entry is not None and entry.state is PostState.PENDING
    assert entry.post == post(1)  # the first version stays, the second changed nothing
    assert len(await db.outbox.list()) == 1


async def test_claim_only_due_posts_oldest_first(db: Database) -> None:
    for n in (3, 1, 2):
        await db.outbox.enqueue(post(n, conversation=f"c{n}"))
    claimed = await db.outbox.claim_due(T0 + timedelta(minutes=2), "w1", LEASE, 10)
    assert keys(claimed) == [post(1, "c1").key, post(2, "c2").key]
    assert all(c.lease_until == T0 + timedelta(minutes=2) + LEASE for c in claimed)
    # Claimed posts are not handed out again while the lease holds.
    assert await db.outbox.claim_due(T0 + timedelta(minutes=2), "w2", LEASE, 10) == []
    entry = await db.outbox.get(post(1, "c1").key)
    assert entry is not None and entry.state is PostState.CLAIMED and entry.claimed_by == "w1"


async def test_dead_instances_claim_is_claimable_after_its_lease(db: Database) -> None:
    await db.outbox.enqueue(post(1))
    now = T0 + timedelta(hours=1)
    assert keys(await db.outbox.claim_due(now, "dead-instance", LEASE, 10)) == [post(1).key]
    assert await db.outbox.claim_due(now + LEASE - timedelta(seconds=1), "w2", LEASE, 10) == []
    again = await db.outbox.claim_due(now + LEASE, "w2", LEASE, 10)
    assert keys(again) == [post(1).key]
    entry = await db.outbox.get(post(1).key)
    assert entry is not None and entry.claimed_by == "w2"


async def test_extend_lease_keeps_a_working_claim(db: Database) -> None:
    await db.outbox.enqueue(post(1))
    now = T0 + timedelta(hours=1)
    await db.outbox.claim_due(now, "w1", LEASE, 10)
    assert await db.outbox.extend_lease("w1", now + 2 * LEASE) == 1
    assert await db.outbox.claim_due(now + LEASE, "w2", LEASE, 10) == []


async def test_order_within_a_conversation_holds_across_claimers(db: Database) -> None:
    for n in range(1, 5):
        await db.outbox.enqueue(post(n))
    await db.outbox.enqueue(post(9, conversation="other"))
    now = T0 + timedelta(hours=1)
    first = await db.outbox.claim_due(now, "w1", LEASE, 2)
    assert keys(first) == [post(1).key, post(2).key]
    # Posts 3 and 4 wait behind w1's live claim; another conversation is free.
    assert keys(await db.outbox.claim_due(now, "w2", LEASE, 10)) == [post(9, "other").key]
    await db.outbox.mark_sent(post(9, "other").key, "act-9", now)
    # A retry scheduled later holds back what follows it, too.
    await db.outbox.mark_retry(post(1).key, now + timedelta(minutes=5), "503")
    await db.outbox.mark_sent(post(2).key, "act-2", now)
    assert await db.outbox.claim_due(now, "w2", LEASE, 10) == []
    later = now + timedelta(minutes=5)
    assert keys(await db.outbox.claim_due(later, "w2", LEASE, 10)) == [
        post(1).key,
        post(3).key,
        post(4).key,
    ]


async def test_retry_dead_and_sent(db: Database) -> None:
    for n in (1, 2, 3):
        await db.outbox.enqueue(post(n, conversation=f"c{n}"))
    now = T0 + timedelta(hours=1)
    await db.outbox.claim_due(now, "w1", LEASE, 10)
    await db.outbox.mark_retry(post(1, "c1").key, now + timedelta(seconds=10), "HTTP 503")
    await db.outbox.mark_retry(post(2, "c2").key, now, "HTTP 429", counts=False)
    await db.outbox.mark_sent(post(3, "c3").key, "act-3", now)
    one, two, three = [await db.outbox.get(post(n, f"c{n}").key) for n in (1, 2, 3)]
    assert one is not None and one.state is PostState.PENDING and one.attempts == 1
    assert one.last_error == "HTTP 503" and one.next_attempt_at == now + timedelta(seconds=10)
    assert two is not None and two.attempts == 0  # throttling uses up no tries
    assert three is not None and three.state is PostState.SENT and three.activity_id == "act-3"
    assert await db.outbox.delivered_at(3, "notice") == {"c3": now}
    assert await db.outbox.delivered_at(1, "notice") == {"c1": None}

    again = await db.outbox.claim_due(now + timedelta(seconds=10), "w1", LEASE, 10)
    assert sorted(keys(again)) == sorted([post(1, "c1").key, post(2, "c2").key])
    assert {c.post.key: c.attempts for c in again}[post(1, "c1").key] == 1
    await db.outbox.mark_dead(post(1, "c1").key, "HTTP 500 sex gånger")
    dead = await db.outbox.get(post(1, "c1").key)
    assert dead is not None and dead.state is PostState.DEAD and dead.attempts == 2
    assert [e.post.key for e in await db.outbox.list(PostState.DEAD)] == [post(1, "c1").key]


async def test_waiting_for_binding_and_release(db: Database) -> None:
    await db.outbox.enqueue(post(1))
    await db.outbox.enqueue(post(2))
    now = T0 + timedelta(hours=1)
    await db.outbox.claim_due(now, "w1", LEASE, 10)
    await db.outbox.mark_waiting(post(1).key, "HTTP 403")
    await db.outbox.mark_waiting(post(2).key, "HTTP 403")
    assert await db.outbox.claim_due(now + LEASE * 2, "w1", LEASE, 10) == []
    assert list(await db.outbox.waiting_conversations()) == [post(1).conversation_id]
    assert await db.outbox.release_waiting_for(post(1).conversation_id, now) == 2
    assert keys(await db.outbox.claim_due(now, "w1", LEASE, 10)) == [post(1).key, post(2).key]
    assert await db.outbox.waiting_conversations() == {}


async def test_release_gives_claims_back_unattempted(db: Database) -> None:
    await db.outbox.enqueue(post(1))
    now = T0 + timedelta(hours=1)
    await db.outbox.claim_due(now, "w1", LEASE, 10)
    await db.outbox.release([post(1).key], "someone-else")  # not theirs: nothing happens
    assert await db.outbox.claim_due(now, "w2", LEASE, 10) == []
    await db.outbox.release([post(1).key], "w1")
    claimed = await db.outbox.claim_due(now, "w2", LEASE, 10)
    assert keys(claimed) == [post(1).key] and claimed[0].attempts == 0


async def test_skip_expired(db: Database) -> None:
    expires = T0 + timedelta(hours=2)
    await db.outbox.enqueue(post(1, expires_at=expires))
    await db.outbox.enqueue(post(2, conversation="c2", expires_at=expires))
    await db.outbox.enqueue(post(3, conversation="c3"))  # never expires
    await db.outbox.claim_due(T0 + timedelta(hours=1), "w1", LEASE, 1)  # w1 holds post 1
    assert await db.outbox.skip_expired(T0 + timedelta(hours=1)) == []
    # After the expiry nothing is claimable but post 3, and the skip lists the other two.
    late = expires + timedelta(minutes=1)
    assert keys(await db.outbox.claim_due(late, "w2", LEASE, 10)) == [post(3, "c3").key]
    skipped = await db.outbox.skip_expired(late)
    assert [p.key for p in skipped] == [post(1).key, post(2, "c2").key]
    assert await db.outbox.skip_expired(late) == []  # reported once
    entry = await db.outbox.get(post(1).key)
    assert entry is not None and entry.state is PostState.SKIPPED


async def test_concurrent_claimers_never_share_a_post(db: Database) -> None:
    # A second Database is a second instance: its own pool on the same PostgreSQL database
    # (SKIP LOCKED and the claim lock), or on SQLite the same file (BEGIN IMMEDIATE).
    second = await Database.connect(db.url)
    try:
        for n in range(200):
            await db.outbox.enqueue(post(n, conversation=f"c{n % 40}"))
        now = T0 + timedelta(days=1)
        claimed: dict[str, list[str]] = {}

        async def claimer(database: Database, name: str) -> None:
            mine = claimed.setdefault(name, [])
            while True:
                batch = await database.outbox.claim_due(now, name, LEASE, 7)
                if not batch:
                    return
                mine.extend(keys(batch))
                for c in batch:  # finish them so the next posts in each conversation free up
                    await database.outbox.mark_sent(c.post.key, "x", now)

        await asyncio.gather(*(claimer(d, f"w{i}") for i, d in enumerate((db, second, db, second))))
        every = [k for mine in claimed.values() for k in mine]
        assert len(every) == len(set(every)) == 200
        assert sum(1 for mine in claimed.values() if mine) >= 2
    finally:
        await second.dispose()


async def test_a_restarted_instance_takes_back_its_own_claims_at_once(db: Database) -> None:
    for n in (1, 2):
        await db.outbox.enqueue(post(n, conversation=f"c{n}"))
    now = T0 + timedelta(hours=1)
    await db.outbox.claim_due(now, "host-a:3978", LEASE, 1)  # then SIGKILL
    await db.outbox.claim_due(now, "host-b:3978", LEASE, 1)  # alive, still sending
    assert await db.outbox.release_claims_of("host-a:3978") == 1
    # Claimable again before the lease ran out; host-b's claim is left alone.
    assert keys(await db.outbox.claim_due(now, "host-a:3978", LEASE, 10)) == [post(1, "c1").key]
    entry = await db.outbox.get(post(2, "c2").key)
    assert entry is not None and entry.claimed_by == "host-b:3978"


async def test_housekeeping_forgets_finished_posts_after_their_time(db: Database) -> None:
    for n in (1, 2, 3):
        await db.outbox.enqueue(post(n, conversation=f"c{n}"))
    await db.outbox.claim_due(T0 + timedelta(hours=1), "w", LEASE, 10)
    await db.outbox.mark_sent(post(1, "c1").key, "a1", T0)
    await db.outbox.mark_dead(post(2, "c2").key, "nej")
    later = db.sessions.now() + timedelta(days=1)
    assert await db.outbox.prune_finished(later) == 2  # post 3 is still claimed: kept
    assert [e.post.key for e in await db.outbox.list()] == [post(3, "c3").key]

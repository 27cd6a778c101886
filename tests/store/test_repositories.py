from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError

from bot.domain.clock import FixedClock
from bot.domain.model import Meeting, Membership, Role
from bot.domain.ports import (
    ActivityLog,
    ChannelBinding,
    ConversationKind,
    ConversationStore,
    Delivery,
    MeetingStore,
    RosterStore,
    StoredConversation,
)
from bot.store.database import Database

SA = "sodra-alvsborg"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_database_implements_the_ports(db: Database) -> None:
    # Static check by assignment: mypy would flag a mismatch; at runtime they must exist.
    roster: RosterStore = db.roster
    meetings: MeetingStore = db.meetings
    conversations: ConversationStore = db.conversations
    activities: ActivityLog = db.activities
    assert all((roster, meetings, conversations, activities))


async def test_people_and_memberships(seeded: Database) -> None:
    db = seeded
    anna = await db.roster.add_person("Anna Berg", "Anna.Berg@Boras.se", "Borås Stad")
    assert anna.id is not None and anna.email == "anna.berg@boras.se"
    bo = await db.roster.add_person("Bo Ek", "bo.ek@vgregion.se", "SÄS")
    assert bo.id is not None
    await db.roster.add_membership(
        Membership(anna, SA, "styrgrupp", Role.MEMBER, "Borås Stad", date(2024, 1, 1))
    )
    await db.roster.add_membership(
        Membership(bo, SA, "styrgrupp", Role.CHAIR, "SÄS", date(2024, 1, 1), date(2025, 12, 31))
    )
    await db.roster.add_membership(Membership(anna, SA, "au", Role.MEMBER))

    found = await db.roster.person_by_email("  ANNA.berg@boras.se ")
    assert found == anna
    assert await db.roster.person_by_email("nobody@x.se") is None

    on_2025 = await db.roster.memberships_of_group(SA, "styrgrupp", date(2025, 6, 1))
    assert [(m.person.name, m.role) for m in on_2025] == [
        ("Bo Ek", Role.CHAIR),  # chair first, whatever the name
        ("Anna Berg", Role.MEMBER),
    ]
    on_2026 = await db.roster.memberships_of_group(SA, "styrgrupp", date(2026, 1, 1))
    assert [m.person.name for m in on_2026] == ["Anna Berg"]
    before = await db.roster.memberships_of_group(SA, "styrgrupp", date(2023, 12, 31))
    assert before == []

    annas = await db.roster.memberships_of_person(anna.id, date(2025, 1, 1))
    assert {(m.group, m.seat) for m in annas} == {("au", ""), ("styrgrupp", "Borås Stad")}
    assert [p.name for p in await db.roster.people()] == ["Anna Berg", "Bo Ek"]


async def test_email_is_unique_case_insensitively(seeded: Database) -> None:
    await seeded.roster.add_person("Anna", "anna@x.se")
    with pytest.raises(IntegrityError):
        await seeded.roster.add_person("Anna igen", "ANNA@X.SE")


async def test_link_aad_moves_an_old_link(seeded: Database) -> None:
    db = seeded
    old = await db.roster.add_person("Anna (gammal)", "anna.old@x.se")
    new = await db.roster.add_person("Anna", "anna@x.se")
    assert old.id is not None and new.id is not None
    await db.roster.link_aad(old.id, "aad-1")
    assert (await db.roster.person_by_aad("aad-1")) == old.__class__(
        old.id, old.name, old.email, old.organisation, "aad-1"
    )
    await db.roster.link_aad(new.id, "aad-1")
    linked = await db.roster.person_by_aad("aad-1")
    assert linked is not None and linked.id == new.id
    assert (await db.roster.person(old.id)).aad_object_id is None  # type: ignore[union-attr]
    assert await db.roster.person_by_aad("") is None
    with pytest.raises(LookupError):
        await db.roster.link_aad(99999, "aad-2")


async def test_membership_needs_a_seeded_group(db: Database) -> None:
    person = await db.roster.add_person("Anna", "anna@x.se")
    with pytest.raises(IntegrityError):
        await db.roster.add_membership(Membership(person, SA, "styrgrupp", Role.MEMBER))


async def test_meetings_are_aware_and_ordered(seeded: Database) -> None:
    db = seeded
    base = datetime(2026, 3, 12, 9, 0, tzinfo=STOCKHOLM)
    for days, uid in ((14, "b"), (0, "a"), (-14, "old")):
        await db.meetings.save(
            Meeting(None, SA, "styrgrupp", base + timedelta(days=days), uid=uid, title=uid)
        )
    await db.meetings.save(Meeting(None, SA, "dps", base, uid="dps"))
    upcoming = await db.meetings.upcoming(SA, "styrgrupp", base - timedelta(minutes=1))
    assert [m.uid for m in upcoming] == ["a", "b"]
    first = upcoming[0]
    assert first.start == base and first.start.tzinfo is not None
    assert first.start.utcoffset() == timedelta(0)  # stored and returned as UTC
    assert await db.meetings.upcoming(SA, "styrgrupp", base, limit=1) == [first]

    moved = await db.meetings.save(
        Meeting(None, SA, "styrgrupp", base + timedelta(hours=1), uid="a", location="Borås")
    )
    assert moved.id == first.id and moved.location == "Borås"
    assert await db.meetings.set_minutes_url(first.id or 0, "https://x/protokoll.pdf")
    stored = await db.meetings.get(first.id or 0)
    assert stored is not None and stored.minutes_url == "https://x/protokoll.pdf"
    window = await db.meetings.between(base - timedelta(days=1), base + timedelta(days=1))
    assert {m.uid for m in window} == {"a", "dps"}


async def test_naive_datetimes_are_refused(seeded: Database) -> None:
    with pytest.raises(Exception, match="naive"):
        await seeded.meetings.save(
            Meeting(None, SA, "styrgrupp", datetime(2026, 1, 1, 9), uid="naive")
        )


def _conversation(cid: str, **changes: object) -> StoredConversation:
    values: dict[str, object] = {
        "conversation_id": cid,
        "kind": ConversationKind.PERSONAL,
        "service_url": "https://smba.trafficmanager.net/emea/",
        "tenant_id": "tenant",
        "reference": {"conversation": {"id": cid}, "bot": {"id": "28:bot"}},
        "user_aad_object_id": "aad-1",
    }
    values.update(changes)
    return StoredConversation(**values)  # type: ignore[arg-type]


async def test_conversations(db: Database) -> None:
    old = datetime(2026, 1, 1, tzinfo=UTC)
    await db.conversations.save(_conversation("a:1", updated_at=old))
    await db.conversations.save(_conversation("a:2"))
    await db.conversations.save(
        _conversation(
            "19:abc@thread.tacv2",
            kind=ConversationKind.CHANNEL,
            team_id="19:team",
            channel_name="Allmänt",
            user_aad_object_id="",
        )
    )
    personal = await db.conversations.personal_for("aad-1")
    assert personal is not None and personal.conversation_id == "a:2"  # the newest
    assert personal.reference["bot"] == {"id": "28:bot"}
    assert await db.conversations.personal_for("aad-2") is None

    await db.conversations.save(_conversation("a:1", service_url="https://new/"))
    again = await db.conversations.get("a:1")
    assert again is not None and again.service_url == "https://new/"
    assert again.updated_at is not None and again.updated_at > old
    channel = await db.conversations.get("19:abc@thread.tacv2")
    assert channel is not None and channel.kind is ConversationKind.CHANNEL
    assert await db.conversations.get("none") is None


async def test_channel_bindings(db: Database) -> None:
    cid = "19:abc@thread.tacv2"
    await db.conversations.bind(ChannelBinding(cid, SA, "styrgrupp", "Anna", "Styrgrupp"))
    await db.conversations.bind(ChannelBinding("19:x@thread.tacv2", "fyrbodal", "dps", "Bo"))
    binding = await db.conversations.binding_for(cid)
    assert binding is not None and binding.group == "styrgrupp" and binding.bound_at is not None
    await db.conversations.bind(ChannelBinding(cid, SA, "au", "Anna", "AU"))  # rebind
    assert [(b.region, b.group) for b in await db.conversations.bindings()] == [
        ("fyrbodal", "dps"),
        (SA, "au"),
    ]
    assert len(await db.conversations.bindings_of_group(SA, "au")) == 1
    removed = await db.conversations.unbind(cid)
    assert removed is not None and removed.group == "au"
    assert await db.conversations.unbind(cid) is None
    assert await db.conversations.binding_for(cid) is None


async def test_an_activity_is_handled_once_its_reply_is_sent(db: Database) -> None:
    log = db.activities
    assert await log.begin("act-1") is Delivery.NEW
    assert await log.begin("act-1") is Delivery.IN_PROGRESS  # Teams retried a slow turn
    await log.finish("act-1")
    assert await log.begin("act-1") is Delivery.HANDLED
    assert await log.begin("act-2") is Delivery.NEW
    await log.abandon("act-2")  # the turn failed before its reply: handled again
    assert await log.begin("act-2") is Delivery.NEW
    await log.finish("act-2")
    long_a, long_b = "x" * 600 + "a", "x" * 600 + "b"
    for key in (long_a, long_b):
        assert await log.begin(key) is Delivery.NEW  # hashed, not truncated
        await log.finish(key)
    assert await log.begin(long_a) is Delivery.HANDLED
    assert await log.prune(timedelta(hours=1)) == 0
    assert await log.prune(db.sessions.now() + timedelta(seconds=1)) == 4
    assert await log.begin("act-1") is Delivery.NEW


async def test_one_of_many_concurrent_deliveries_is_handled(db: Database) -> None:
    results = await asyncio.gather(*(db.activities.begin("same") for _ in range(40)))
    assert results.count(Delivery.NEW) == 1


async def test_marks_of_concurrent_turns_are_written_together(
    database_url: str, db: Database
) -> None:
    keys = [f"burst-{i}" for i in range(200)]
    assert all(d is Delivery.NEW for d in [await db.activities.begin(k) for k in keys])
    await asyncio.gather(*(db.activities.finish(k) for k in keys))
    again = await Database.connect(database_url, db.sessions.clock)  # nothing in memory
    try:
        assert {await again.activities.begin(k) for k in keys} == {Delivery.HANDLED}
    finally:
        await again.dispose()


async def test_deliveries_across_two_instances(database_url: str, db: Database) -> None:
    # A second Database on the same URL stands in for a second bot instance. Only
    # PostgreSQL serves several instances; SQLite is one instance (see the restart test).
    if db.is_sqlite:
        pytest.skip("SQLite serves one instance; several instances need PostgreSQL")
    other = await Database.connect(database_url, db.sessions.clock)
    try:
        keys = [f"k{i}" for i in range(15)]
        calls = [db.activities.begin(k) for k in keys]
        calls += [other.activities.begin(k) for k in keys]
        results = await asyncio.gather(*calls)
        assert results.count(Delivery.NEW) == len(keys)
        assert set(results) == {Delivery.NEW, Delivery.ELSEWHERE}
    finally:
        await other.dispose()


async def test_a_claim_left_by_a_dead_instance_is_taken_over_after_the_lease(
    database_url: str, clock: FixedClock, db: Database
) -> None:
    first = await Database.connect(database_url, clock, "host-a:3978")
    second = await Database.connect(database_url, clock, "host-b:3978")
    try:
        if first.is_sqlite:
            pytest.skip("SQLite serves one instance; several instances need PostgreSQL")
        assert await first.activities.begin("crashed") is Delivery.NEW  # then host-a dies
        assert await second.activities.begin("crashed") is Delivery.ELSEWHERE
        clock.advance(timedelta(seconds=16))
        assert await second.activities.begin("crashed") is Delivery.NEW
        await second.activities.finish("crashed")
        assert await second.activities.begin("crashed") is Delivery.HANDLED
    finally:
        await first.dispose()
        await second.dispose()


async def test_redelivery_after_a_restart(database_url: str, db: Database) -> None:
    """Killed after the reply: the redelivery is acknowledged, not answered twice. Killed
    mid-turn: the redelivery is answered at once by the restarted instance."""
    clock = db.sessions.clock
    before = await Database.connect(database_url, clock, "host-a:3978")
    assert await before.activities.begin("answered") is Delivery.NEW
    await before.activities.finish("answered")
    assert await before.activities.begin("cut-short") is Delivery.NEW
    await before.sessions.engine.dispose()  # a crash: nothing in memory survives, no flush
    again = await Database.connect(database_url, clock, "host-a:3978")
    try:
        assert await again.activities.begin("answered") is Delivery.HANDLED
        assert await again.activities.begin("cut-short") is Delivery.NEW
        assert await again.activities.begin("after-restart") is Delivery.NEW
    finally:
        await again.dispose()


async def test_on_start_an_instance_releases_its_own_stale_claims(
    database_url: str, db: Database
) -> None:
    clock = db.sessions.clock
    before = await Database.connect(database_url, clock, "host-a:3978")
    await before.activities.begin("cut-short")
    await before.sessions.engine.dispose()
    again = await Database.connect(database_url, clock, "host-a:3978")
    try:
        released = await again.activities.release_stale()
        assert released == (0 if again.is_sqlite else 1)  # SQLite claims are memory only
        assert await again.activities.begin("cut-short") is Delivery.NEW
    finally:
        await again.dispose()

"""People and their memberships (implements `bot.domain.ports.RosterStore`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select, update

from bot.domain.model import Membership, Person, Role
from bot.store.engine import Sessions
from bot.store.tables import MembershipRow, PersonRow

_ROLE_ORDER = {role: position for position, role in enumerate(Role)}


def person_of(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        email=row.email,
        organisation=row.organisation,
        aad_object_id=row.aad_object_id,
    )


def membership_of(row: MembershipRow, person: PersonRow) -> Membership:
    return Membership(
        person=person_of(person),
        region=row.region,
        group=row.group_key,
        role=Role(row.role),
        seat=row.seat,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def active_on(day: date) -> ColumnElement[bool]:
    """SQL form of `Membership.active_on`: open-ended on either side when NULL."""
    return and_(
        or_(MembershipRow.valid_from.is_(None), MembershipRow.valid_from <= day),
        or_(MembershipRow.valid_to.is_(None), MembershipRow.valid_to >= day),
    )


def _in_role_order(memberships: list[Membership]) -> list[Membership]:
    # Chair first, then vice chair, secretary, members…: the order a roster is read in.
    return sorted(
        memberships,
        key=lambda m: (_ROLE_ORDER.get(m.role, len(_ROLE_ORDER)), m.person.name.casefold()),
    )


class SqlRosterStore:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def person_by_aad(self, aad_object_id: str) -> Person | None:
        if not aad_object_id:
            return None
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(PersonRow).where(PersonRow.aad_object_id == aad_object_id)
            )
            return person_of(row) if row else None

    async def person_by_email(self, email: str) -> Person | None:
        async with self._sessions.read() as session:
            row = await session.scalar(
                select(PersonRow).where(PersonRow.email == email.strip().lower())
            )
            return person_of(row) if row else None

    async def person(self, person_id: int) -> Person | None:
        async with self._sessions.read() as session:
            row = await session.get(PersonRow, person_id)
            return person_of(row) if row else None

    async def link_aad(self, person_id: int, aad_object_id: str) -> None:
        """Tie a Teams user to a roster person; an older link to the same user moves here.

        Raises LookupError when the person does not exist.
        """
        async with self._sessions.write() as session:
            person = await session.get(PersonRow, person_id)
            if person is None:
                raise LookupError(f"no person with id {person_id}")
            if person.aad_object_id == aad_object_id:
                return
            # The AAD id is unique: a user re-added under a new e-mail would otherwise
            # make the link fail forever.
            await session.execute(
                update(PersonRow)
                .where(PersonRow.aad_object_id == aad_object_id, PersonRow.id != person_id)
                .values(aad_object_id=None)
            )
            await session.flush()
            person.aad_object_id = aad_object_id

    async def memberships_of_group(self, region: str, group: str, on: date) -> Sequence[Membership]:
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(MembershipRow, PersonRow)
                .join(PersonRow, PersonRow.id == MembershipRow.person_id)
                .where(
                    MembershipRow.region == region,
                    MembershipRow.group_key == group,
                    active_on(on),
                )
            )
            return _in_role_order([membership_of(m, p) for m, p in rows.tuples()])

    async def memberships_of_person(self, person_id: int, on: date) -> Sequence[Membership]:
        async with self._sessions.read() as session:
            rows = await session.execute(
                select(MembershipRow, PersonRow)
                .join(PersonRow, PersonRow.id == MembershipRow.person_id)
                .where(MembershipRow.person_id == person_id, active_on(on))
                .order_by(MembershipRow.region, MembershipRow.group_key)
            )
            return [membership_of(m, p) for m, p in rows.tuples()]

    async def people(self) -> Sequence[Person]:
        async with self._sessions.read() as session:
            rows = await session.scalars(select(PersonRow).order_by(PersonRow.name, PersonRow.id))
            return [person_of(row) for row in rows]

    # Writes used by tests and tools; the office normally goes through `imports`.

    async def add_person(self, name: str, email: str, organisation: str = "") -> Person:
        async with self._sessions.write() as session:
            row = PersonRow(name=name, email=email.strip().lower(), organisation=organisation)
            session.add(row)
            await session.flush()
            return person_of(row)

    async def add_membership(self, membership: Membership) -> None:
        if membership.person.id is None:
            raise ValueError("the membership's person must be stored first (id is None)")
        async with self._sessions.write() as session:
            session.add(
                MembershipRow(
                    person_id=membership.person.id,
                    region=membership.region,
                    group_key=membership.group,
                    role=membership.role.value,
                    seat=membership.seat,
                    valid_from=membership.valid_from,
                    valid_to=membership.valid_to,
                )
            )

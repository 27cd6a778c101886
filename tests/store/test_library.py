"""The office's library in the database, on SQLite and PostgreSQL: imported documents,
added regions, replacement, the change counter, pending imports; seed leaves them be."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.domain.library import AddedRegion, LibraryConflict, merged
from bot.domain.model import Document, Governance, Membership, Role, Section
from bot.domain.reading.groups import find_groups
from bot.store.database import Database
from bot.store.seed import seed_governance

SA = "sodra-alvsborg"


def _document(key: str, region: str, *, replaces: str = "", text: str = "") -> Document:
    return Document(
        key=key,
        region=region,
        title=f"Plan {key}",
        period="2026–2029",
        source_file=f"{key}.pdf",
        sections=(
            Section("ingress", "", "", "Planen gäller 2026–2029."),
            Section(
                "styrgrupp",
                "4.2",
                "Styrgrupp",
                text or "Styrgruppen leder arbetet. Styrgruppen sammanträder fyra gånger per år.",
            ),
        ),
        replaces=replaces,
    )


async def test_a_new_region_and_its_document(db: Database, governance: Governance) -> None:
    await seed_governance(db, governance)
    assert await db.library.generation() == 0
    await db.library.add_region(AddedRegion("dalby", "Dalby", "Vårdsamverkan Dalby", ("DB",)))
    document = _document("dalby-plan", "dalby")
    groups = find_groups([document], "dalby")
    await db.library.import_document(document, groups, "Kim")
    assert await db.library.generation() == 2

    library = await db.library.load()
    assert [(r.key, r.aliases) for r in library.regions] == [("dalby", ("DB",))]
    (stored,) = library.documents
    assert stored.document == document
    assert stored.imported_by == "Kim" and stored.imported_at is not None

    whole = merged(governance, library)
    region = whole.region("dalby")
    assert region is not None and [g.key for g in region.groups] == ["styrgrupp"]
    assert region.documents[0].key == "dalby-plan"
    # The found group exists in the database, so a roster can be imported into it.
    person = await db.roster.add_person("Ada Andersson", "ada@dalby.invalid")
    chair = Membership(person, "dalby", "styrgrupp", Role.CHAIR, valid_from=date(2026, 1, 1))
    await db.roster.add_membership(chair)
    assert await db.roster.memberships_of_group("dalby", "styrgrupp", date(2026, 6, 1))

    # Seed from data/ again: the library's region, document and groups stay.
    report = await seed_governance(db, merged(governance, await db.library.load()))
    assert not report.changed
    report = await seed_governance(db, governance)  # data/ alone (an old process)
    assert (report.documents.removed, report.regions.removed) == (0, 0)
    assert (await db.library.load()).documents[0].document == document


async def test_a_newer_version_replaces_the_old(db: Database, governance: Governance) -> None:
    await seed_governance(db, governance)
    old_key = governance.regions[0].documents[0].key
    region = governance.regions[0].region.key
    newer = _document("ny-plan", region, replaces=old_key)
    await db.library.import_document(newer, [], "Kim")
    whole = merged(governance, await db.library.load())
    old = whole.document(old_key)
    assert old is not None and old.replaced_by == "ny-plan"
    # Importing the same key again updates it in place.
    await db.library.import_document(replace(newer, title="Plan, reviderad"), [], "Kim")
    (stored,) = (await db.library.load()).documents
    assert stored.document.title == "Plan, reviderad"


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (_document("x", "nowhere"), "finns inte"),
        (_document("x", SA, replaces="no-such-document"), "inget dokument"),
    ],
)
async def test_refused_imports_change_nothing(
    db: Database, governance: Governance, document: Document, says: str
) -> None:
    await seed_governance(db, governance)
    with pytest.raises(LibraryConflict) as raised:
        await db.library.import_document(document, [], "Kim")
    assert says in raised.value.reason
    assert await db.library.generation() == 0
    assert (await db.library.load()).documents == ()


async def test_a_data_document_key_is_not_overwritten(db: Database, governance: Governance) -> None:
    await seed_governance(db, governance)
    data_doc = governance.regions[0].documents[0]
    with pytest.raises(LibraryConflict) as raised:
        await db.library.import_document(_document(data_doc.key, SA), [], "Kim")
    assert "--replaces" in raised.value.reason


async def test_an_existing_region_is_not_added_twice(db: Database, governance: Governance) -> None:
    await seed_governance(db, governance)
    with pytest.raises(LibraryConflict):
        await db.library.add_region(AddedRegion(SA, "Södra Älvsborg"))


async def test_pending_imports_wait_for_the_office(db: Database, governance: Governance) -> None:
    await seed_governance(db, governance)
    document = _document("dalby-plan", SA)
    pending_id = await db.library.save_pending(document, "plan.pdf", "Kim")
    pending = await db.library.pending(pending_id)
    assert pending is not None and pending.document == document
    assert pending.file_name == "plan.pdf"
    assert await db.library.drop_pending(pending_id)
    assert await db.library.pending(pending_id) is None
    assert not await db.library.drop_pending(pending_id)

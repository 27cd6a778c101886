"""SQLAlchemy 2 typed declarative models, one module per area, all exported here.

The same schema runs on SQLite and PostgreSQL, so only portable types are used. The
hand-written migrations in `bot/store/migrations/versions/` must match these models;
`tests/store/test_migrations.py` compares them on both databases.
"""

from bot.store.tables.base import (
    CONVERSATION_ID,
    DATA,
    KEY,
    NAME,
    NAMING,
    OUTBOX_KEY,
    URL,
    Base,
    UTCDateTime,
)
from bot.store.tables.governance import (
    DocumentRow,
    GroupRow,
    MeetingRow,
    MembershipRow,
    PersonRow,
    RegionRow,
    SeatRow,
    SectionRow,
)
from bot.store.tables.library import LibraryChangeRow, PendingImportRow
from bot.store.tables.office import (
    AnnouncementRow,
    ChannelBindingRow,
    ConversationRow,
    GroupPauseRow,
    JobRunRow,
    OfficeQuestionRow,
    OutboxRow,
    ProcessedActivityRow,
    QueuedActivityRow,
)
from bot.store.tables.surveys import (
    SurveyCommentRow,
    SurveyInvitationRow,
    SurveyRoundRow,
    SurveyTallyRow,
)
from bot.store.tables.vectors import TextVectorRow

__all__ = [
    "CONVERSATION_ID",
    "DATA",
    "KEY",
    "NAME",
    "NAMING",
    "OUTBOX_KEY",
    "URL",
    "AnnouncementRow",
    "Base",
    "ChannelBindingRow",
    "ConversationRow",
    "DocumentRow",
    "GroupPauseRow",
    "GroupRow",
    "JobRunRow",
    "LibraryChangeRow",
    "MeetingRow",
    "MembershipRow",
    "OfficeQuestionRow",
    "OutboxRow",
    "PendingImportRow",
    "PersonRow",
    "ProcessedActivityRow",
    "QueuedActivityRow",
    "RegionRow",
    "SeatRow",
    "SectionRow",
    "SurveyCommentRow",
    "SurveyInvitationRow",
    "SurveyRoundRow",
    "SurveyTallyRow",
    "TextVectorRow",
    "UTCDateTime",
]

"""English texts for notices, reminders and minutes posts, for members who write English."""

from __future__ import annotations

from bot.domain.dates import EN_DAYS, EN_MONTHS
from bot.domain.questions import Language
from dialogs.notices.texts_sv import NoticeTexts

TEXTS = NoticeTexts(
    language=Language.EN,
    weekdays=EN_DAYS,
    months=EN_MONTHS,
    conjunction="and",
    time_label="Time",
    place_label="Place",
    teams_label="Teams meeting",
    agenda_label="Agenda",
    deadline_label="Approve by",
    approvers_label="Approvers",
    agenda_later="to follow",
    open_teams="Join the meeting",
    open_agenda="Open the agenda",
    open_calendar="Add the group's calendar",
    open_minutes="Open the minutes",
    notice_title="Notice of meeting: {group}",
    notice_intro="You are invited to a meeting of {group} ({region}).",
    reminder_title="Reminder: {group}",
    reminder_text="Do not forget the meeting {when}.",
    agenda_missing_title="Agenda missing: {group}",
    agenda_missing_text="The meeting of {group} ({region}) {when} has no agenda registered yet.",
    agenda_missing_notice="The notice goes out {notice}; please add the agenda link before then.",
    minutes_request_title="Minutes: {group}",
    minutes_request_text=(
        "The meeting {when} is over. Please write the minutes and send them for approval; "
        "register the link once they are published."
    ),
    approval_title="Minutes for approval: {group}",
    approval_text="The minutes of the meeting {when} are ready for approval.",
    approval_reminder_title="Reminder to approve: {group}",
    approval_reminder_text="The minutes of the meeting {when} must be approved by {deadline}.",
    published_title="Minutes published: {group}",
    published_text="The minutes of the meeting {when} have been published.",
    late_note="Late: this should have been sent {due}.",
    chair_title="To the chair: the notes from {group}",
    chair_text="The meeting {when} is over. Please send the minutes or notes to {office}.",
    rule_intro="The governing document says:",
    source="Source: {source}",
)

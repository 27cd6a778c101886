"""The names of every card button's submit action, in one place.

A card puts one of these in its submit data (`{"action": …}`); the route table
(`dialogs.routes`) sends the submit to the handler registered for it. Renaming one here
renames it on the cards and in the table at once; cards already posted keep the old name,
and the router answers those with a polite "I no longer know that button".
"""

from __future__ import annotations

from enum import StrEnum


class ActionName(StrEnum):
    # A member passes an unanswered question to the office; the office answers it.
    FORWARD_QUESTION = "forward_question"
    ANSWER_QUESTION = "answer_question"
    # The announcement form.
    ANNOUNCEMENT_PREVIEW = "announcement_preview"
    ANNOUNCEMENT_SEND = "announcement_send"
    ANNOUNCEMENT_CHANGE = "announcement_change"
    ANNOUNCEMENT_REPORT = "announcement_report"
    # The survey: a member's answers, and the office's "open a round" card.
    SURVEY_ANSWER = "survey_answer"
    SURVEY_OPEN = "survey_open"
    # A document file read and shown to the office: import it, or not.
    LIBRARY_IMPORT = "library_import"
    LIBRARY_CANCEL = "library_cancel"

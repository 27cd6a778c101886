"""Every kind of question the bot answers from the roster, the calendar and the rules.

Each kind is one module (`base.Kind`): how it recognises itself and how it answers. The
documents answer everything else (`dialogs.questions.documents`).
"""

from __future__ import annotations

from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Context, Kind
from dialogs.questions.kinds.documents_info import DocumentsInfo
from dialogs.questions.kinds.group_description import GroupDescription
from dialogs.questions.kinds.groups_list import GroupsList
from dialogs.questions.kinds.meetings import MeetingFrequency, MyMeetings, NextMeeting
from dialogs.questions.kinds.members import GroupMembers
from dialogs.questions.kinds.municipalities import Municipalities
from dialogs.questions.kinds.person_groups import PersonGroups
from dialogs.questions.kinds.representation import Represents, SeatCount
from dialogs.questions.kinds.roles import RoleHolder
from dialogs.questions.kinds.survey import MySurveyQuestions, SurveyOverview


def all_kinds(context: Context, analysis: TextAnalysis) -> list[Kind]:
    return [
        RoleHolder(context, analysis),
        GroupMembers(context, analysis),
        Represents(context, analysis),
        SeatCount(context, analysis),
        PersonGroups(context, analysis),
        NextMeeting(context, analysis),
        MyMeetings(context, analysis),
        MeetingFrequency(context, analysis),
        MySurveyQuestions(context, analysis),
        SurveyOverview(context, analysis),
        Municipalities(context, analysis),
        GroupDescription(context, analysis),
        DocumentsInfo(context, analysis),
        GroupsList(context, analysis),
    ]


def concept_words() -> list[str]:
    """The words the kinds are about, for the text analysis's vocabulary (typo repair)."""
    from dialogs.questions.kinds import (
        documents_info,
        group_description,
        groups_list,
        meetings,
        members,
        municipalities,
        person_groups,
        representation,
        survey,
    )

    return [
        *meetings.MEETING, *meetings.NEXT, *members.MEMBERSHIP, *municipalities.MUNICIPALITIES,
        *person_groups.GROUPS, *representation.REPRESENTING, *representation.SEATS,
        *survey.SURVEY, *survey.QUESTIONS, *group_description.TASK,
        *documents_info.DOCUMENTS, *documents_info.VALIDITY,
        *groups_list.GROUP_WORDS, *groups_list.EXISTS,
    ]  # fmt: skip

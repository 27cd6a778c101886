"""English texts, used when a member writes in English."""

from bot.domain.model import Role
from bot.domain.questions import Language
from dialogs.texts import Texts

TEXTS = Texts(
    language=Language.EN,
    greeting_personal=(
        "Hi! I am Samverkansboten. I answer questions about who sits where, upcoming "
        "meetings and how the collaboration works, always with my source. Type **help**."
    ),
    greeting_team=(
        "Hi! I am Samverkansboten. Mention me with @Samverkansboten and ask a question."
    ),
    help_title="What I can do",
    help_intro=(
        "Ask as you would ask a colleague; I always give my source, and what I don't know "
        "you can pass on to the office with a button. For example:"
    ),
    help_items=(
        ("Who holds a role in a group", "Who is the chair of the steering group?"),
        ("Who sits in a group", "Who are the members of AU?"),
        ("The next meeting", "When is the next steering group meeting?"),
        ("How the collaboration works", "Who prepares matters for the steering group?"),
    ),
    help_office_heading="For the office",
    apology="Sorry, something went wrong on my side. Please try again in a moment.",
    forward_button="Send the question to the office",
    office_fallback_name="the office",
    forward_sent="Thank you! I have sent your question to {office}; the answer will come here.",
    forward_kept=(
        "Thank you! I have saved your question for {office}. I cannot reach anyone there right "
        "now, so they will see it when they next review questions; the answer will come here."
    ),
    forward_repeat="I have just sent that question to {office}; the answer will come here.",
    forward_empty="There is no question to send. Ask me your question first.",
    forward_card_title="Question for the office ({region})",
    forward_asked_by="Asked by",
    forward_region="Region",
    forward_answer_label="Answer",
    forward_answer_placeholder="Write the answer to the person who asked",
    forward_answer_missing="Write an answer before sending.",
    forward_answer_button="Send the answer",
    answer_to_member=(
        "An answer from {office} to your question:\n\n{question}\n\n{answer}\n\n– {by}"
    ),
    answer_only_office="Only the office can answer questions sent to the office.",
    answer_empty="The answer is empty. Write an answer in the box and send again.",
    answer_unknown_question="I cannot find that question. It may have been removed.",
    answer_already=(
        "{by} already answered this question ({when}), so I sent no new answer. "
        "The answer was: {answer}"
    ),
    answer_sent="Thank you! The answer has been sent to {asker}.",
    answer_not_delivered=(
        "The answer is saved, but I could not reach {asker} in Teams. Contact them: {upn}."
    ),
    answered_by="Answered by {by}: {answer}",
    not_understood="I don't know that for sure. I can answer questions like these:",
    too_long=(
        "That message is longer than I can read (at most {limit} characters). Please ask "
        "the question more briefly, in a sentence if you can."
    ),
    needs_group="Which group do you mean? Write its name, e.g. steering group, AU or DPS.",
    role_holder="The {role} of {group} ({region}) is {names}.",
    role_holder_none="The roster has no {role} for {group} ({region}) at the moment.",
    role_holder_changes=(
        "According to the roster the {role} of {group} ({region}) changes during {year}, "
        "so I cannot say for sure who it is then."
    ),
    members_title="{group} – {region}",
    members_none="The roster has nobody in {group} yet.",
    seats_heading="Seats according to the governing document",
    people_heading="People according to the roster",
    source="Source: {source}",
    source_roster="the roster kept by the office",
    no_voting="no voting right",
    adjunct="adjunct",
    office_only="*{command}* is for the office only, so I did nothing.",
    unknown_action="I no longer recognise that button (the card may be old). Type **help**.",
    command_usage="{summary}: write **{usage}**.",
    next_meeting="The next meeting of {group} ({region}): {when}.",
    no_meetings="The calendar has no upcoming meetings of {group} ({region}).",
    my_meetings_title="Your upcoming meetings",
    my_meetings_none="You have no upcoming meetings in the calendar.",
    unknown_asker=(
        "I can't find you in the roster, so I don't know your groups. Ask about a group, "
        "e.g. *When is the next meeting of the steering group?*"
    ),
    place_label="Place",
    agenda_label="Agenda",
    teams_label="Teams",
    time_label="Time",
    frequency_unknown="The documents do not say how often {group} ({region}) meets.",
    person_groups_title="{name}: groups and roles",
    person_groups_none="{name} is not in any group in the roster at the moment.",
    my_groups_title="Your groups and roles",
    represents="{organisation} is represented in {group} ({region}) by {names}.",
    represents_none="The roster has nobody representing {organisation} in {group} ({region}).",
    source_calendar="the office's meeting calendar",
    municipalities="{region} covers the municipalities {names}.",
    municipalities_unknown="The documents of {region} do not list the municipalities.",
    survey_questions="You receive {count} questions in the office's survey (August and December):",
    survey_no_questions="None of the survey questions goes to your groups and roles in the roster.",
    survey_overview=(
        "The survey has {count} questions, sent by {by} twice a year (August and December). "
        "Recipients in brackets:"
    ),
    survey_none="The documents of your region describe no survey.",
    role_names={
        Role.CHAIR: "chair",
        Role.VICE_CHAIR: "vice chair",
        Role.SECRETARY: "secretary",
        Role.MEMBER: "member",
        Role.DEPUTY: "deputy",
        Role.ADJUNCT: "adjunct",
        Role.PRESENTER: "presenter",
        Role.PROJECT_LEADER: "project leader",
        Role.COORDINATOR: "coordinator",
        Role.OFFICIAL: "official",
    },
    conjunction="and",
    document_lead="The governing documents say this ({title}, quoted in Swedish):",
    nearest_lead=(
        "I don't know that for sure. The closest I find in the governing documents is this "
        "(quoted in Swedish) – check that it answers your question, or I can send it to "
        "the office:"
    ),
    expired_document=(
        "Note: the document was valid {period}. Ask the office whether a newer one applies."
    ),
    group_suggestions=("Who chairs {group}?", "When is the next meeting of {group}?"),
    section_suggestion="What do the documents say about {title}?",
    documents_title="The governing documents of {region}:",
    documents_none="I have no governing documents for {region}.",
    groups_title="The groups of {region}:",
    groups_local="{term} in {places}",
    groups_none="I know of no groups in {region}.",
    document_period="valid {period}",
    document_dated="dated {dated}",
    document_ended="its period has ended",
    examples=("Who is the chair of the steering group?", "Who sits in AU?", "help"),
)

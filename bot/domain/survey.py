"""Who receives which survey question: the union over every group and role a person holds."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.model import Governance, Membership, RecipientRule, SurveyQuestion


def receives(rule: RecipientRule, membership: Membership, governance: Governance) -> bool:
    group = governance.group(membership.region, membership.group)
    if group is None:
        return False
    kind_fits = rule.group_kind is None or group.kind == rule.group_kind
    role_fits = rule.role is None or membership.role == rule.role
    return kind_fits and role_fits


def questions_for(
    questions: Sequence[SurveyQuestion],
    memberships: Sequence[Membership],
    governance: Governance,
) -> list[SurveyQuestion]:
    """Each question once, in the questionnaire's order, if any membership receives it."""
    return [
        question
        for question in questions
        if any(
            receives(rule, membership, governance)
            for rule in question.recipients
            for membership in memberships
        )
    ]

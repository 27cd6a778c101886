"""Who holds a role in a group: "Vem är ordförande i styrgruppen?", "Who chairs AU?"."""

from __future__ import annotations

from datetime import date

from bot.domain.citations import cite
from bot.domain.model import Group, Membership, Role, Rule
from bot.domain.understanding.answer_type import AnswerType
from bot.domain.understanding.text import TextAnalysis
from dialogs.questions.kinds.base import Asked, Context, Proposal, fit
from dialogs.questions.wording import capitalised, join, person_label
from dialogs.reply import Reply
from dialogs.texts import Texts

_CHAIRS = frozenset({Role.CHAIR, Role.VICE_CHAIR})


class RoleHolder:
    name = "role_holder"
    # Who holds a role is in the roster, never in the documents: when the roster has
    # nobody, this kind's "I don't know who" (with the rule) stands.
    roster_only = True
    states_now = True  # the roster as it stands: no answer for another year

    def __init__(self, context: Context, analysis: TextAnalysis) -> None:
        self._context = context

    def propose(self, asked: Asked) -> Proposal | None:
        role = asked.found.role
        if role is None:
            return None
        group = asked.group or self._only_group_with_rule(asked.region, role)
        if group is None:
            return None
        score = fit(asked, frozenset({AnswerType.PERSON}), named_concept=True)
        if score is None:
            return None
        if asked.group is None:
            score -= 0.15  # the group is only implied: the one group with such a rule
        return Proposal(self, score, detail=(group, role), uses=frozenset({"group", "role"}))

    async def answer(self, proposal: Proposal, asked: Asked, texts: Texts) -> Reply:
        group, role = proposal.detail
        region_name = self._context.region_name(group.region)
        role_name = texts.role_names[role]
        tz = self._context.tz
        holders = await self._holders(group, role, asked.day(tz))
        rule = _rule_for_role(group, role)
        last = asked.last_day(tz)
        if last != asked.day(tz) and _names(holders) != _names(
            await self._holders(group, role, last)
        ):
            # "Vem blir ordförande 2027?" while the seat changes hands that year.
            text = texts.role_holder_changes.format(
                role=role_name, group=group.name, region=region_name, year=last.year
            )
            if rule is not None:
                text += f"\n\n{rule.text}\n\n" + texts.source.format(
                    source="; ".join(
                        [texts.source_roster, cite(self._context.governance, rule.source)]
                    )
                )
            return Reply(text, declined=True)
        sources = []
        declined = False
        if holders:
            names = join([person_label(m) for m in holders], texts)
            text = capitalised(
                texts.role_holder.format(
                    role=role_name, group=group.name, region=region_name, names=names
                )
            )
            sources.append(texts.source_roster)
        else:
            text = texts.role_holder_none.format(
                role=role_name, group=group.name, region=region_name
            )
            declined = True
        if rule is not None:
            text += f"\n\n{rule.text}"
            sources.append(cite(self._context.governance, rule.source))
        if sources:
            text += "\n\n" + texts.source.format(source="; ".join(sources))
        return Reply(text, declined=declined)

    async def _holders(self, group: Group, role: Role, day: date) -> list[Membership]:
        members = await self._context.roster.memberships_of_group(group.region, group.key, day)
        return [m for m in members if m.role == role]

    def _only_group_with_rule(self, region: str, role: Role) -> Group | None:
        """ "Hur länge sitter ordföranden?": the one group of the region with such a rule."""
        data = self._context.governance.region(region)
        if data is None:
            return None
        having = [g for g in data.groups if _rule_for_role(g, role) is not None]
        return having[0] if len(having) == 1 else None


def _names(holders: list[Membership]) -> set[str]:
    return {m.person.name for m in holders}


def _rule_for_role(group: Group, role: Role) -> Rule | None:
    if role in _CHAIRS:
        return group.chair
    if role is Role.SECRETARY:
        return group.secretary
    return None

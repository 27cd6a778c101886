"""Answers about procedure: a group's rule when the question names one, else the documents.

Every answer quotes the governing text and names its section; when nothing fits well the
bot says it does not know rather than guess.
"""

from __future__ import annotations

import re

from bot.domain.citations import cite
from bot.domain.model import Governance, Group, Rule, SourceRef
from bot.domain.names import fold, group_names, region_names, strip_definite
from bot.domain.questions import Topic
from bot.domain.search import CONFIDENT, Hit, Passage, SearchIndex
from dialogs.reply import Reply
from dialogs.texts import Texts

_STRONG = 0.75  # a passage about the group this good beats the topic's default rule
_SURE = 0.7  # above this the passage answers most of the question's words by itself
_SHORT = 300  # characters: a following sentence short enough to add as context
_SMALL_WORDS = frozenset({"i", "in", "for", "pa", "of", "the", "inom", "hos"})
_DEFINITION = re.compile(
    r"(vad är|vad betyder|vad menas med|what is|what's|what are)\s+(?:en |ett |the |a )?"
    r"([^?]+)\??$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]")
_LISTING = re.compile(r"(vilka|which|what are|lista)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

_FIELDS: dict[Topic, str] = {
    Topic.PREPARED_BY: "prepared_by",
    Topic.MINUTES: "minutes",
    Topic.REPORTS_TO: "reports_to",
    Topic.COMMISSIONED_BY: "commissioned_by",
    Topic.CHAIR: "chair",
    Topic.SECRETARY: "secretary",
    Topic.COMPOSITION: "composition",
    Topic.TERM: "term",
    Topic.DESCRIPTION: "description",
}


class FactAnswers:
    def __init__(self, governance: Governance) -> None:
        self._governance = governance
        self._index = SearchIndex.build(governance)
        self._region_words = {
            word
            for data in governance.regions
            for name in region_names(data.region)
            for word in name.split()
        } - {"narvardssamverkan", "vardsamverkan"}  # also the collaboration itself
        # Names of regions and groups say where a question points, not what it asks.
        self._context_words = {
            word
            for data in governance.regions
            for name in (
                region_names(data.region) | set().union(*(group_names(g) for g in data.groups))
            )
            for word in name.split()
        }

    def group_fact(self, texts: Texts, group: Group, topic: Topic, question: str) -> Reply | None:
        """The group's rule for the topic; a passage about the group that fits the question
        better (a clearly higher match) wins, as the topic words are only a first guess."""
        rule = getattr(group, _FIELDS[topic])
        hits = [
            h
            for h in self._index.search(question, region=group.region, limit=5)
            if group.key == h.passage.group or group.key in h.passage.groups
        ]
        # "Vad gör kansliet?" matches any sentence naming the office: keep the description.
        strong = hits[0] if hits and hits[0].confidence >= _STRONG else None
        if (
            strong is not None
            and topic is not Topic.DESCRIPTION
            and self._on_focus(question, strong, group.region)
            and (not isinstance(rule, Rule) or strong.passage.text != rule.text)
        ):
            return self._quote(
                texts, self._with_next(strong.passage, question), heading=group.label
            )
        if isinstance(rule, Rule):
            return self._quote(texts, self._with_next(rule, question), heading=group.label)
        return self.search(texts, question, group.region)

    def search(self, texts: Texts, question: str, region: str) -> Reply | None:
        """The best passages for a free question, or None when none is a confident match."""
        defined = self._definition(texts, question, region)
        if defined is not None:
            return defined
        # The region is already the filter: its name in the question would only favour
        # passages that happen to repeat it ("… inom Vårdsamverkan Fyrbodal").
        query = " ".join(w for w in question.split() if fold(w) not in self._region_words)
        hits = self._index.search(query or question, region=region, limit=3)
        if not hits or hits[0].confidence < CONFIDENT:
            return None
        if not self._on_focus(question, hits[0], region):
            return None
        best = hits[0]
        rules = self._with_next(best.passage, question)
        # A second passage from another section often completes the answer (e.g. both the
        # agreement period and its extension); only when it is nearly as good.
        for hit in hits[1:2]:
            close = hit.confidence >= max(CONFIDENT, best.confidence * 0.9)
            if close and hit.passage.source != best.passage.source:
                rules.append(Rule(hit.passage.text, hit.passage.source))
        return self._quote(texts, rules, heading=best.passage.title)

    def _definition(self, texts: Texts, question: str, region: str) -> Reply | None:
        """ "Vad är spridningsdagen?": the opening of the region's section of that name."""
        match = _DEFINITION.match(question.strip())
        if match is None:
            return None
        wanted = [
            w
            for w in fold(match.group(2)).split()
            if w not in self._region_words and w not in _SMALL_WORDS
        ]
        data = self._governance.region(region)
        if not wanted or data is None:
            return None
        for document in data.documents:
            for section in document.sections:
                title = fold(section.title).split()
                if len(title) == len(wanted) and all(map(_same_word, title, wanted)):
                    opening = _SENTENCE.findall(" ".join(section.text.split()))[:2]
                    if opening:
                        rule_source = SourceRef(document.key, section.key)
                        rules = [Rule(sentence.strip(), rule_source) for sentence in opening]
                        return self._quote(texts, rules, heading=section.title)
        return None

    def _with_next(self, passage: Passage | Rule, question: str = "") -> list[Rule]:
        """The passage, and the sentences after it in its section: documents often state a
        rule and its detail in consecutive sentences ("… svarar för kostnaderna." / "VGR
        betalar 50 procent …"); a "vilka …?" question gets a list's next items too."""
        rules = [Rule(passage.text, passage.source)]
        document = self._governance.document(passage.source.document)
        section = document.section(passage.source.section) if document else None
        if section is None:
            return rules
        text = " ".join(section.text.split())
        at = text.find(" ".join(passage.text.split()))
        if at < 0:
            return rules
        rest = text[at + len(" ".join(passage.text.split())) :]
        wanted = 4 if _LISTING.match(question.strip()) else 1
        for sentence in _SENTENCE.findall(rest)[:wanted]:
            sentence = sentence.strip()
            if not sentence or len(sentence) > _SHORT:
                break
            rules.append(Rule(sentence, passage.source))
        return rules

    def municipalities(self, texts: Texts, region: str) -> Reply:
        data = self._governance.region(region)
        if data is None or not data.region.municipalities:
            name = data.region.collaboration if data else region
            return Reply(texts.municipalities_unknown.format(region=name), declined=True)
        names = ", ".join(data.region.municipalities)
        text = texts.municipalities.format(region=data.region.collaboration, names=names)
        rule = next((r for r in data.region.facts if r.topic == "kommuner"), None)
        if rule is None:
            return Reply(text)
        return Reply(
            f"{text}\n\n{rule.text}\n\n"
            + texts.source.format(source=cite(self._governance, rule.source))
        )

    def _on_focus(self, question: str, hit: Hit, region: str) -> bool:
        """Whether the passage answers what was asked, not just shares common words.

        It must contain the question's most specific word ("budgeten" in "hur stor är
        budgeten för Fyrbodal"); a word that no document of the region uses ("SHVO" in
        Södra Älvsborg) means the region's documents do not cover the question; and a
        year in the question must be the passage's year ("2023" is not "2020").
        """
        for year in _YEAR.findall(question):
            if year not in f"{hit.passage.title} {hit.passage.text}":
                return False
        concepts = [c for c in self._index.concepts(question) if c.word not in self._context_words]
        if not concepts:
            return True
        if any(self._index.in_region(c, region) is False for c in concepts):
            return False
        if hit.confidence >= _SURE:
            return True  # most of the question's words are in the passage
        focus = max(concepts, key=self._index.rarity)
        return focus.word in hit.matched

    def _quote(self, texts: Texts, rules: list[Rule], heading: str) -> Reply:
        sources = list(dict.fromkeys(cite(self._governance, r.source) for r in rules))
        body = "\n\n".join(rule.text for rule in rules)
        return Reply(f"{body}\n\n" + texts.source.format(source="; ".join(sources)))


def _forms(word: str) -> set[str]:
    once = strip_definite(word)
    return {word, once, strip_definite(once)}


def _same_word(a: str, b: str) -> bool:
    """'spridningskonferens' and 'spridningskonferensen' are one word, inflected."""
    return bool(_forms(a) & _forms(b))

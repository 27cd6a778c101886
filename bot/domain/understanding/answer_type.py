"""What kind of answer a question wants, from how it is asked.

"Hur många …" wants a number, "hur ofta …" a frequency, "när …" a time, "vem …" a person
or a body, "var/vart …" a place. This is read from the question's interrogative words in
Swedish and English: a closed class of words every question begins from, not a list of
phrasings. An answer is then checked against it: a sentence without any number does not
answer "hur många", however many of the question's words it shares.
"""

from __future__ import annotations

import re
from enum import StrEnum


class AnswerType(StrEnum):
    PERSON = "person"  # vem, vilka, who: a person, body or group
    NUMBER = "number"  # hur många, how many
    AMOUNT = "amount"  # hur mycket (kostar), how much: money, a share
    FREQUENCY = "frequency"  # hur ofta, how often
    DATE = "date"  # vilket datum, what date: a day of a month, not "three weeks after"
    TIME = "time"  # när, when, vilket år: a date, a month, a period
    DURATION = "duration"  # hur länge, how long
    PLACE = "place"  # var, vart, where
    REASON = "reason"  # varför, why
    MANNER = "manner"  # hur (other), how
    DEFINITION = "definition"  # vad är, what is
    YES_NO = "yes_no"  # kan, får, ska, is, can, does …
    OTHER = "other"  # vad, vilken, what, which: anything


# Folded words (å/ä/ö as a/a/o), checked in order; the first that fits wins.
_PATTERNS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (AnswerType.FREQUENCY, r"\b(hur ofta|how often|hur manga ganger|how many times)\b"),
        (AnswerType.DURATION, r"\b(hur lang[ae]?( tid)?|how long|under hur lang)\b"),
        (
            AnswerType.AMOUNT,
            r"\b(hur mycket|how much|vad kostar|what does it cost|vilken budget)\b",
        ),
        (AnswerType.NUMBER, r"\b(hur manga|how many|antal|number of|hur stor[at]?|how big)\b"),
        (AnswerType.DATE, r"\b(vilket datum|vilken dag|what date|which date|which day)\b"),
        (
            AnswerType.TIME,
            r"\b(nar|when|vilket ar|vilka ar|vilken period|"
            r"vilken tidsperiod|what year|what period|which period)\b",
        ),
        (AnswerType.PLACE, r"\b(var|vart|where|vilken ort|vilken plats)\b"),
        (AnswerType.REASON, r"\b(varfor|why)\b"),
        (AnswerType.PERSON, r"\b(vem|vilka|vems|who|whom|whose|vad heter|what is the name)\b"),
        (AnswerType.DEFINITION, r"^(vad (ar|betyder|menas med)|what (is|are|does \S+ mean))\b"),
        (AnswerType.MANNER, r"\b(hur|how)\b"),
        (
            AnswerType.YES_NO,
            r"^(kan|far|ska|skall|maste|finns|har|ar|galler|is|are|can|may|must|does|do|has|"
            r"have|should|will)\b",
        ),
    )
)

# "Var" is also "was"/"each" in Swedish ("var tredje år"); as a place it opens the question.
_PLACE_FIRST = re.compile(r"^(var|vart|where)\b")


# A narrower type is also the wider one: "vilket datum" asks "när", only more exactly.
_WIDER = {AnswerType.DATE: AnswerType.TIME}


def wanted(answer_type: AnswerType, wants: frozenset[AnswerType]) -> bool:
    """Whether an answer of the kinds `wants` names is what a question of this type asks."""
    return answer_type in wants or _WIDER.get(answer_type) in wants


def answer_type(folded_question: str) -> AnswerType:
    """The answer the question wants; `OTHER` when it does not say."""
    text = " ".join(folded_question.split())
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if kind is AnswerType.PLACE and not _PLACE_FIRST.search(text):
            continue
        return kind
    return AnswerType.OTHER


_NUMBER = re.compile(r"\b\d+([,.]\d+)?\b")
_NUMBER_WORDS = re.compile(
    r"\b(tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|femton|tjugo|hundra|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|halften|half)\b"
)
_FREQUENCY = re.compile(
    r"\b(per ar|per manad|i manaden|om aret|varje|varannan|arligen|manatligen|ganger|gang|"
    r"halvar|terminsvis|kvartal|vecka|veckor|times|yearly|annually|monthly|weekly|every)\b"
    r"|ganger/ar|/ar\b"
)
_TIME = re.compile(
    r"\b(19|20)\d\d\b|\b\d{1,2}/\d{1,2}\b|\b(januari|februari|mars|april|maj|juni|juli|"
    r"augusti|september|oktober|november|december|varen|hosten|vintern|sommaren|arsskifte|"
    r"datum|mandatperiod|manadsskifte|vecka|veckor|dag|dagar|arligen|arsvis)\b"
)
_MONTH = r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_DATE = re.compile(rf"\b\d{{1,2}} ({_MONTH})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b20\d\d-\d\d-\d\d\b")
_AMOUNT = re.compile(r"\b(kr|kronor|mkr|tkr|procent|sek|miljoner|budget|kostnad\w*)\b|%")
_DURATION = re.compile(
    r"\b(ar|aret|aren|manader?|veckor|dagar|period|mandat\w*|till och med|t ?o ?m)\b"
)


def carries(answer_type: AnswerType, folded_text: str) -> bool:
    """Whether a text can answer a question of this type at all: the check that keeps a
    sentence with all the right words but no number from answering "hur många"."""
    if answer_type is AnswerType.NUMBER:
        return bool(_NUMBER.search(folded_text) or _NUMBER_WORDS.search(folded_text))
    if answer_type is AnswerType.AMOUNT:
        return bool(_AMOUNT.search(folded_text)) and bool(
            _NUMBER.search(folded_text) or _NUMBER_WORDS.search(folded_text)
        )
    if answer_type is AnswerType.FREQUENCY:
        return bool(_FREQUENCY.search(folded_text))
    if answer_type is AnswerType.TIME:
        return bool(_TIME.search(folded_text))
    if answer_type is AnswerType.DATE:
        return bool(_DATE.search(folded_text))
    if answer_type is AnswerType.DURATION:
        return bool(_DURATION.search(folded_text)) and bool(
            _NUMBER.search(folded_text) or _NUMBER_WORDS.search(folded_text)
        )
    return True

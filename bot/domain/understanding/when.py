"""The day a question is about: today, unless it names a later one.

"Vem blir ordförande 2027?", "… efter nyår": the roster has who holds a seat from when to
when, so such a question is answered for that day, not for today.
"""

from __future__ import annotations

import re
from datetime import date

_NEXT_YEAR = re.compile(
    r"\b(efter nyar|efter arsskiftet|nasta ar|till nasta ar|next year|after new year)\b"
)
_YEAR = re.compile(r"\b(20\d\d)\b")


def day_asked_about(folded_question: str, today: date) -> date:
    """The first day the question points to: a later year's first day, or today."""
    later = [int(y) for y in _YEAR.findall(folded_question) if int(y) > today.year]
    if _NEXT_YEAR.search(folded_question):
        later.append(today.year + 1)
    return date(min(later), 1, 1) if later else today

"""Row ids read from what members send (card data, command words).

A client may send a card's number as a number or as a string, and a hostile one anything:
"²" passes `str.isdigit` and fails `int`, and 2**70 overflows SQLite's INTEGER. Ids are
positive and fit 32 bits in both databases; anything else is no id.
"""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1


def row_id(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = raw.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 10):
            return None
        raw = int(text)
    if isinstance(raw, int) and 0 < raw <= MAX_ROW_ID:
        return raw
    return None

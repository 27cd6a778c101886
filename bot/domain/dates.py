"""Dates the way members read them: "tisdag 3 december kl. 13.00"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SV_DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
SV_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def swedish(moment: datetime, tz: ZoneInfo, *, with_year: bool = False) -> str:
    local = moment.astimezone(tz)
    day = f"{SV_DAYS[local.weekday()]} {local.day} {SV_MONTHS[local.month - 1]}"
    if with_year:
        day += f" {local.year}"
    return f"{day} kl. {local.hour:02d}.{local.minute:02d}"


def english(moment: datetime, tz: ZoneInfo, *, with_year: bool = False) -> str:
    local = moment.astimezone(tz)
    day = f"{EN_DAYS[local.weekday()]} {local.day} {EN_MONTHS[local.month - 1]}"
    if with_year:
        day += f" {local.year}"
    return f"{day} at {local.hour:02d}:{local.minute:02d}"


def time_range(start: datetime, end: datetime | None, tz: ZoneInfo, *, english_text: bool) -> str:
    """'tisdag 3 december kl. 13.00–15.00' (the end only as a clock time on the same day)."""
    text = english(start, tz) if english_text else swedish(start, tz)
    if end is not None and end.astimezone(tz).date() == start.astimezone(tz).date():
        local = end.astimezone(tz)
        separator = ":" if english_text else "."
        text += f"–{local.hour:02d}{separator}{local.minute:02d}"
    return text

"""Svenska texter för kallelser, påminnelser och protokollutskick (dialogs/notices.py).

En egen liten dataklass i stället för fält i `Texts`, så att utskicken kan ändras utan att
röra botens övriga texter. Mallarna använder namngivna `str.format`-fält.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.dates import SV_DAYS, SV_MONTHS
from bot.domain.questions import Language


@dataclass(frozen=True)
class NoticeTexts:
    language: Language
    weekdays: tuple[str, ...]  # Monday first
    months: tuple[str, ...]
    conjunction: str  # joins the last two names of a list
    time_label: str
    place_label: str
    teams_label: str
    agenda_label: str
    deadline_label: str
    approvers_label: str
    agenda_later: str
    open_teams: str
    open_agenda: str
    open_calendar: str
    open_minutes: str
    notice_title: str  # {group}
    notice_intro: str  # {group} {region}
    reminder_title: str  # {group}
    reminder_text: str  # {when}
    agenda_missing_title: str  # {group}
    agenda_missing_text: str  # {group} {region} {when}
    agenda_missing_notice: str  # {notice}: when the notice goes out
    minutes_request_title: str  # {group}
    minutes_request_text: str  # {when}
    approval_title: str  # {group}
    approval_text: str  # {when}
    approval_reminder_title: str  # {group}
    approval_reminder_text: str  # {when} {deadline}
    published_title: str  # {group}
    published_text: str  # {when}
    late_note: str  # {due}: a post that goes out after it was due (downtime, late calendar)
    chair_title: str  # {group}
    chair_text: str  # {when} {office}
    rule_intro: str
    source: str  # {source}

    def day(self, value: date) -> str:
        """'tisdag 26 januari': a day without a clock time (a deadline)."""
        return f"{self.weekdays[value.weekday()]} {value.day} {self.months[value.month - 1]}"

    def names(self, names: list[str]) -> str:
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.conjunction} {names[-1]}"


TEXTS = NoticeTexts(
    language=Language.SV,
    weekdays=SV_DAYS,
    months=SV_MONTHS,
    conjunction="och",
    time_label="Tid",
    place_label="Plats",
    teams_label="Teams-möte",
    agenda_label="Dagordning",
    deadline_label="Justera senast",
    approvers_label="Justerare",
    agenda_later="kommer senare",
    open_teams="Anslut till mötet",
    open_agenda="Öppna dagordningen",
    open_calendar="Lägg till gruppens kalender",
    open_minutes="Öppna protokollet",
    notice_title="Kallelse: {group}",
    notice_intro="Välkommen till möte i {group} ({region}).",
    reminder_title="Påminnelse: {group}",
    reminder_text="Glöm inte mötet {when}.",
    agenda_missing_title="Dagordning saknas: {group}",
    agenda_missing_text=(
        "Mötet i {group} ({region}) {when} har ingen dagordning registrerad ännu."
    ),
    agenda_missing_notice="Kallelsen går ut {notice}; lägg in länken till dagordningen före dess.",
    minutes_request_title="Protokoll: {group}",
    minutes_request_text=(
        "Mötet {when} är avslutat. Skriv protokollet och skicka det för justering; "
        "registrera länken när protokollet är publicerat."
    ),
    approval_title="Protokoll för justering: {group}",
    approval_text="Protokollet från mötet {when} är klart för justering.",
    approval_reminder_title="Påminnelse om justering: {group}",
    approval_reminder_text="Protokollet från mötet {when} ska vara justerat senast {deadline}.",
    published_title="Protokoll publicerat: {group}",
    published_text="Protokollet från mötet {when} är publicerat.",
    late_note="Försenat: det här skulle ha skickats {due}.",
    chair_title="Till ordföranden: anteckningarna från {group}",
    chair_text=(
        "Mötet {when} är avslutat. Glöm inte att skicka protokollet eller "
        "minnesanteckningarna till {office}."
    ),
    rule_intro="Så säger styrdokumentet:",
    source="Källa: {source}",
)

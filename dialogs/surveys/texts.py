"""Svenska texter för enkäten i chatten (dialogs/survey_cards.py, bot/teams/surveys.py).

En egen dataklass, som för kallelserna, så att enkäten kan ändras utan att röra botens
övriga texter. Kansliet och medlemmarna får enkäten på svenska.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SurveyTexts:
    card_title: str = "{sent_by}s enkät, {period}"
    card_intro: str = (
        "Svara på frågorna nedan. Svaren sparas utan ditt namn och redovisas bara för "
        "grupper där minst {k} har svarat. Svara senast {closes}; svaren kan inte ändras "
        "efteråt, eftersom inget kopplar dem till dig."
    )
    choice_missing: str = "Välj ett svar på frågan."
    comment_label: str = "Kommentar (valfri, högst {max} tecken)"
    submit: str = "Skicka svaren"
    reminder_intro: str = "Påminnelse: enkäten stänger {closes} och vi saknar ditt svar."
    thanks_title: str = "Tack! Dina svar är sparade."
    already_answered: str = (
        "Dina svar på den här enkäten är redan sparade – tack! De sparas utan ditt namn, "
        "så de kan inte ändras eller sparas en gång till."
    )
    thanks_note: str = (
        "Svaren sparas utan ditt namn och redovisas bara för grupper där minst {k} svarat."
    )
    personal_only: str = (
        "Enkäten besvaras i den personliga chatten med mig, så att ingen annan ser dina "
        "svar. Inget sparades här."
    )
    refused_not_invited: str = "Den här enkäten är inte skickad till dig, så svaret sparades inte."
    refused_not_open: str = "Enkäten är stängd, så svaret sparades inte."
    refused_invalid: str = "Svaret kunde inte läsas: välj ett av alternativen på varje fråga."
    refused_comment: str = "En kommentar får vara högst {max} tecken. Korta den och skicka igen."
    refused_unknown: str = "Svaret innehöll frågor som inte finns i din enkät och sparades inte."
    office_only: str = "Det kommandot är bara för kansliet."
    no_survey: str = "Styrdokumenten för {region} beskriver ingen enkät."
    no_round: str = "Ingen enkät har skickats ut i {region} ännu. Skriv *starta enkät*."
    no_open_round: str = "Ingen enkät är öppen i {region} just nu."
    already_open: str = "Enkäten för {period} är redan öppen (stänger {closes})."
    opened_title: str = "Enkäten för {period} är öppnad"
    opened_period: str = "Period"
    opened_closes: str = "Stänger"
    opened_invited: str = "Skickas till"
    opened_people: str = "{count} personer"
    opened_questions: str = "Frågor"
    opened_note: str = (
        "Korten skickas i takt med Teams gränser. De som inte kan nås listas i ett eget "
        "meddelande här när utskicket är klart."
    )
    unreachable_title: str = "Enkäten {period}: {count} personer kunde inte nås"
    unreachable_none: str = "Enkäten {period}: kortet är på väg till alla {count} personer."
    reason_no_aad: str = "har aldrig skrivit till boten (inget Teams-id i registret)"
    reason_no_conversation: str = "boten har ingen chatt att utgå från"
    reason_teams: str = "Teams svarade {status}"
    closed: str = "Enkäten för {period} är stängd. Skriv *enkätresultat* för resultatet."
    reminded: str = "Påminnelse skickad till {count} som inte har svarat."
    results_title: str = "Resultat: enkäten {period}"
    results_wait: str = (
        "Enkäten är öppen till {closes}; resultatet visas när den har stängt. Hittills har "
        "{answered} av {invited} svarat."
    )
    results_rate: str = "Svarsfrekvens: {answered} av {invited} ({rate:.0f} %)"
    results_chart: str = "Andel Ja per fråga (av dem som tagit ställning), procent"
    results_chart_x: str = "Fråga"
    results_chart_y: str = "Andel Ja, procent"
    results_suppressed: str = "Färre än {k} svar: redovisas inte."
    results_change: str = "{change:+.0f} procentenheter Ja sedan förra omgången"
    results_groups: str = "Svarsfrekvens per grupp"
    results_group_hidden: str = "färre än {k} tillfrågade"
    respondents: str = "{count} svar"


TEXTS = SurveyTexts()

"""Svenska texter: allt boten säger på svenska står här."""

from bot.domain.model import Role
from bot.domain.questions import Language
from dialogs.texts import Texts

TEXTS = Texts(
    language=Language.SV,
    greeting_personal=(
        "Hej! Jag är Samverkansboten. Jag svarar på frågor om vem som sitter var, "
        "kommande möten och hur samverkan fungerar, och jag hänvisar alltid till källan. "
        "Skriv **hjälp** för att se vad jag kan."
    ),
    greeting_team=(
        "Hej! Jag är Samverkansboten. Nämn mig med @Samverkansboten och ställ en fråga, "
        "t.ex. *@Samverkansboten vem är ordförande i styrgruppen?* "
        "Kansliet kan koppla kanalen till en grupp med *@Samverkansboten koppla kanalen till "
        "<grupp>*."
    ),
    help_title="Det här kan jag",
    help_intro=(
        "Fråga som du skulle fråga en kollega; jag anger alltid källan, och det jag inte vet "
        "kan du skicka vidare till kansliet med en knapp. Några exempel:"
    ),
    help_items=(
        ("Vem har en roll i en grupp", "Vem är ordförande i styrgruppen?"),
        ("Vilka sitter i en grupp", "Vilka sitter i AU?"),
        ("Nästa möte", "När är nästa möte i styrgruppen?"),
        ("Dina möten och grupper", "mina möten"),
        ("Hur samverkan går till", "Vem bereder ärenden till styrgruppen?"),
        ("Kansliets enkät", "Vilka enkätfrågor får jag?"),
        ("Andra regioner", "Vem är sekreterare i styrgruppen i Fyrbodal?"),
    ),
    help_office_heading="För kansliet",
    apology=(
        "Förlåt, något gick fel hos mig och jag kunde inte svara just nu. "
        "Försök gärna igen om en stund."
    ),
    forward_button="Skicka frågan till kansliet",
    office_fallback_name="kansliet",
    forward_sent="Tack! Jag har skickat din fråga till {office}; svaret kommer här i chatten.",
    forward_kept=(
        "Tack! Jag har sparat din fråga till {office}. Jag når ingen där direkt just nu, så "
        "de ser den nästa gång de går igenom inkomna frågor; svaret kommer här i chatten."
    ),
    forward_repeat=(
        "Den frågan har jag redan skickat till {office} alldeles nyss; svaret kommer här i chatten."
    ),
    forward_empty="Det finns ingen fråga att skicka. Skriv din fråga till mig först.",
    forward_card_title="Fråga till kansliet ({region})",
    forward_asked_by="Frågat av",
    forward_region="Region",
    forward_answer_label="Svar",
    forward_answer_placeholder="Skriv svaret till den som frågade",
    forward_answer_missing="Skriv ett svar innan du skickar.",
    forward_answer_button="Skicka svaret",
    answer_to_member="Svar från {office} på din fråga:\n\n{question}\n\n{answer}\n\n– {by}",
    answer_only_office=(
        "Det är bara kansliet som kan svara på frågor som skickats dit. "
        "Din knapptryckning ändrade ingenting."
    ),
    answer_empty="Svaret är tomt. Skriv ett svar i rutan och skicka igen.",
    answer_unknown_question="Jag hittar inte den frågan. Den kan ha tagits bort.",
    answer_already=(
        "Den här frågan besvarades redan av {by} ({when}), så jag skickade inget nytt svar. "
        "Svaret var: {answer}"
    ),
    answer_sent="Tack! Svaret är skickat till {asker}.",
    answer_not_delivered=(
        "Svaret är sparat, men jag kunde inte nå {asker} i Teams. Kontakta hen direkt: {upn}."
    ),
    answered_by="Besvarad av {by}: {answer}",
    not_understood="Det vet jag inte säkert. Jag kan svara på frågor som de här:",
    too_long=(
        "Meddelandet är längre än jag kan läsa (högst {limit} tecken). Skriv frågan kortare, "
        "gärna i en mening, så svarar jag."
    ),
    needs_group=(
        "Vilken grupp menar du? Skriv gruppens namn, t.ex. *styrgruppen*, *AU*, *DPS* "
        "eller *lokal ledningsgrupp Borås*."
    ),
    role_holder="{role} i {group} ({region}) är {names}.",
    role_holder_changes=(
        "Enligt medlemsregistret byts {role} i {group} ({region}) under {year}, så jag kan "
        "inte säga säkert vem det är då."
    ),
    role_holder_none=(
        "Medlemsregistret har ingen {role} för {group} ({region}) just nu. "
        "Kansliet kan lägga in det med `python -m bot import roster`."
    ),
    members_title="{group} – {region}",
    members_none="Medlemsregistret har inga personer för {group} ännu.",
    seats_heading="Platser enligt styrdokumentet",
    people_heading="Personer enligt medlemsregistret",
    source="Källa: {source}",
    source_roster="medlemsregistret (kansliets förteckning)",
    no_voting="utan rösträtt",
    adjunct="adjungerad",
    office_only=(
        "*{command}* är bara för kansliet, så jag gjorde ingenting. Behöver du få det gjort, "
        "kontakta kansliet – det kan bara kansliet göra."
    ),
    unknown_action=(
        "Den knappen känner jag inte igen längre (kortet kan vara gammalt). "
        "Skriv **hjälp** för att se vad jag kan."
    ),
    command_usage="{summary}: skriv **{usage}**.",
    next_meeting="Nästa möte för {group} ({region}): {when}.",
    no_meetings="Kalendern har inga kommande möten för {group} ({region}).",
    my_meetings_title="Dina kommande möten",
    my_meetings_none="Du har inga kommande möten i kalendern.",
    unknown_asker=(
        "Jag hittar dig inte i medlemsregistret, så jag vet inte vilka grupper du är med i. "
        "Fråga om en grupp, t.ex. *När är nästa möte i styrgruppen?*, eller be kansliet "
        "lägga in dig."
    ),
    place_label="Plats",
    agenda_label="Dagordning",
    teams_label="Teams",
    time_label="Tid",
    frequency_unknown="Styrdokumenten anger inte hur ofta {group} ({region}) träffas.",
    person_groups_title="{name}: grupper och roller",
    person_groups_none="{name} finns inte i någon grupp i medlemsregistret just nu.",
    my_groups_title="Dina grupper och roller",
    represents="{organisation} representeras i {group} ({region}) av {names}.",
    represents_none=(
        "Medlemsregistret har ingen som representerar {organisation} i {group} ({region})."
    ),
    source_calendar="möteskalendern (kansliets)",
    municipalities="{region} omfattar kommunerna {names}.",
    municipalities_unknown="Styrdokumenten för {region} räknar inte upp kommunerna.",
    survey_questions="Du får {count} frågor i kansliets enkät (augusti och december):",
    survey_no_questions="Ingen av enkätens frågor går till dina grupper och roller i registret.",
    survey_overview=(
        "Enkäten har {count} frågor och skickas av {by} två gånger per år (augusti och "
        "december). Mottagarna står inom parentes:"
    ),
    survey_none="Styrdokumenten för din region beskriver ingen enkät.",
    role_names={
        Role.CHAIR: "ordförande",
        Role.VICE_CHAIR: "vice ordförande",
        Role.SECRETARY: "sekreterare",
        Role.MEMBER: "ledamot",
        Role.DEPUTY: "ersättare",
        Role.ADJUNCT: "adjungerad",
        Role.PRESENTER: "föredragande",
        Role.PROJECT_LEADER: "projektledare",
        Role.COORDINATOR: "koordinator",
        Role.OFFICIAL: "tjänsteperson",
    },
    conjunction="och",
    document_lead="Enligt styrdokumenten ({title}):",
    nearest_lead=(
        "Det vet jag inte säkert. Det närmaste jag hittar i styrdokumenten är det här – "
        "kontrollera att det svarar på din fråga, annars kan jag skicka den till kansliet:"
    ),
    expired_document=(
        "Obs: dokumentet gällde {period}. Fråga kansliet om det finns ett nyare som gäller nu."
    ),
    group_suggestions=("Vem är ordförande i {group}?", "När är nästa möte i {group}?"),
    section_suggestion="Vad står det om {title}?",
    documents_title="Styrdokumenten för {region}:",
    documents_none="Jag har inga styrdokument för {region}.",
    groups_title="Grupperna i {region}:",
    groups_local="{term} i {places}",
    groups_none="Jag känner inte till några grupper i {region}.",
    document_period="gäller {period}",
    document_dated="daterat {dated}",
    document_ended="perioden har gått ut",
    examples=("Vem är ordförande i styrgruppen?", "Vilka sitter i AU?", "hjälp"),
)

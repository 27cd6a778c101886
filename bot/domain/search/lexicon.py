"""Word lists for the analyser: stop words, fixed phrases, synonyms and English glosses.

Kept as plain data so an editor can extend them without touching the analysis code.
Swedish entries are written with å/ä/ö; the analyser folds and stems them itself, so one
entry covers "protokollen", "protokoll" and "protokollet" and the ascii spellings too.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Checked against the *folded* token, so "är" and "ar" are both covered by "ar". Besides
# grammar words the list holds question and chat words ("berätta", "undrar"): they say
# nothing about which passage answers and would only dilute the confidence.
SWEDISH_STOP_WORDS = frozenset(
    _words(
        """
    och i att det som en ett pa ar av for med till den de dem dom har hade inte om han hon
    men var jag sig fran vi sa kan kunde man nar hur vad vem vems vilka vilken vilket vart
    varfor ska skall sker blir bli blev far fa eller dess deras mig min mitt mina du dig din
    ni er oss var vara vart dar har da nu ocksa aven ju nagon nagot nagra alla allt hos vid
    under efter innan mellan ut in sin sitt sina detta denna dessa sadan sadant sadana
    enligt samt dvs bara just mycket lite gor gora gjorde gjort ta tar tog finns fanns
    beratta undrar veta vill skulle borde maste hej tack snalla egentligen typ ens
    hander hande handa ga gar gick annan annat andra andre nya ny nytt inom utan
    sa saga mest fler flera varje respektive mot gentemot idag igar imorgon
    """
    )
)

ENGLISH_STOP_WORDS = frozenset(
    _words(
        """
    the a an of to in on for is are was were be been being who whom whose what where when
    how which why does do did done by with and or if it its this that these those there our
    we i you me my your can could should would will shall get gets got at from about as
    into tell please know want any some all any happens happen happened has have had us
    they them their than then so also just today tomorrow yesterday like between among
    after before under over per each every same other only more most much many up out
    """
    )
)

# Multi-word verbs that mean one thing. Both the documents and the questions go through
# this, so "säga upp", "sagt upp" and "uppsägning" become the same term, and "följa upp"
# stops lending its "upp" to every passage about follow-up.
PHRASES: dict[tuple[str, ...], str] = {
    **{(verb, "upp"): "uppsägning" for verb in ("saga", "sager", "sagt", "sags", "sade", "sades")},
    **{(verb, "upp"): "uppföljning" for verb in ("folja", "foljer", "foljs", "foljt", "foljde")},
    ("hur", "ofta"): "mötesfrekvens",
    ("hur", "manga", "ganger"): "mötesfrekvens",
    ("hur", "lange"): "period",
    ("how", "often"): "mötesfrekvens",
    ("how", "long"): "period",
}

# Words that are one term to the index: the stemmer keeps "ordförandeskapet" apart from
# "ordförande", but a member asking who chairs wants "Kommunen ansvarar för
# ordförandeskapet" as much as a sentence with "ordförande" in it.
SAME_TERM: dict[str, str] = {
    "ordförandeskap": "ordförande",
    "ordförandeskapet": "ordförande",
    "ordförandeskapets": "ordförande",
    "ordföranden": "ordförande",
    "ordförandens": "ordförande",
}

# Swedish groups whose members stand in for each other in a question. A member may be a
# phrase ("delregionalt politiskt samråd"); its words then count as alternatives.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("ordförande", "ordf"),
    ("alternerar", "växlar", "roterar", "rotation", "växla", "alternera"),
    ("delregionalt politiskt samråd", "dps", "dpsf", "samråd", "samrådsorgan"),
    ("arbetsutskott", "au"),
    ("södra älvsborgs sjukhus", "säs"),
    ("kansli", "närvårdskontoret", "kontor", "nvk", "kansliet"),
    ("protokoll", "minnesanteckningar", "minnesanteckning"),
    ("möte", "sammanträde", "sammanträder", "träffas", "mötesfrekvens"),
    ("mötesfrekvens", "gånger"),
    ("skickas", "mailas", "mejlas", "sänds", "mejla", "maila", "skicka"),
    ("uppsägning", "uppsägningstid"),
    ("förlänga", "förlängning", "förlängs"),
    ("kostnad", "kostnaderna", "betalar", "finansiering", "finansieras", "budget"),
    ("fördelas", "fördelning", "betalar", "står för"),
    ("enkät", "mätningar"),
    ("mål", "målbild", "mätbara"),
    ("presidium", "presidiet"),
    ("bereder", "beredning", "beredda", "bereds"),
    ("ärende", "ärenden"),
    ("period", "avtalstid", "perioden"),
    ("sekreterare", "sekretariat"),
    ("sitter", "ingår", "består", "sammansättning", "representant"),
    ("halvårsvis", "årligen", "årsrapport"),
    ("uppdragsgrupp", "utvecklingsgrupp"),
    ("lokal ledningsgrupp", "lokal samverkansgrupp"),
    ("avvikelse", "avvikelsehantering"),
    ("avslutas", "läggas ner", "lägga ner", "nedläggning", "upphöra", "vilande"),
    ("kommun", "kommunerna"),
    ("hemsida", "publiceras", "publicering"),
)

# English words and phrases a member may ask in, glossed into the documents' Swedish.
ENGLISH: dict[str, tuple[str, ...]] = {
    "minutes": ("protokoll", "minnesanteckningar"),
    "minute": ("protokoll", "minnesanteckningar"),
    "notes": ("minnesanteckningar", "protokoll"),
    "chair": ("ordförande",),
    "chairs": ("ordförande",),
    "chaired": ("ordförande",),
    "chairman": ("ordförande",),
    "chairperson": ("ordförande",),
    "vice chair": ("vice ordförande",),
    "chairmanship": ("ordförande",),
    "rotate": ("alternerar", "växlar"),
    "rotates": ("alternerar", "växlar"),
    "alternate": ("alternerar", "växlar"),
    "alternates": ("alternerar", "växlar"),
    "agreement": ("avtal",),
    "contract": ("avtal",),
    "notice": ("uppsägning",),
    "terminate": ("uppsägning",),
    "terminates": ("uppsägning",),
    "terminated": ("uppsägning",),
    "termination": ("uppsägning",),
    "cancel": ("uppsägning",),
    "cancels": ("uppsägning",),
    "extend": ("förlängs",),
    "extends": ("förlängs",),
    "extended": ("förlängs",),
    "extension": ("förlängs",),
    "renewed": ("förlängs",),
    "renew": ("förlängs",),
    "cost": ("kostnaderna",),
    "costs": ("kostnaderna",),
    "pay": ("betalar", "kostnaderna"),
    "pays": ("betalar", "kostnaderna"),
    "paid": ("betalar", "kostnaderna"),
    "financing": ("finansiering",),
    "financed": ("finansieras",),
    "funding": ("finansiering",),
    "funded": ("finansieras",),
    "budget": ("budget",),
    "split": ("fördelas",),
    "divided": ("fördelas",),
    "shared": ("fördelas",),
    "distributed": ("fördelas",),
    "steering group": ("styrgrupp",),
    "steering committee": ("styrgrupp",),
    "working committee": ("arbetsutskott",),
    "executive committee": ("arbetsutskott",),
    "political council": ("delregionalt politiskt samråd",),
    "political consultation": ("delregionalt politiskt samråd",),
    "presidium": ("presidium",),
    "local management group": ("lokal ledningsgrupp",),
    "local group": ("lokal ledningsgrupp", "lokal samverkansgrupp"),
    "local working group": ("lokal arbetsgrupp", "lokal utvecklingsgrupp"),
    "task group": ("uppdragsgrupp",),
    "development group": ("utvecklingsgrupp",),
    "expert group": ("expertgrupp",),
    "office": ("kansli", "närvårdskontoret"),
    "secretariat": ("sekretariat", "kansli"),
    "secretary": ("sekreterare",),
    "meeting": ("möte", "sammanträde"),
    "meetings": ("möte", "sammanträde"),
    "meet": ("sammanträder", "träffas"),
    "meets": ("sammanträder", "träffas"),
    "survey": ("enkät",),
    "questionnaire": ("enkät",),
    "goal": ("mål",),
    "goals": ("mål",),
    "target": ("mål",),
    "targets": ("mål",),
    "prepare": ("bereder",),
    "prepares": ("bereder",),
    "prepared": ("bereder",),
    "matters": ("ärenden",),
    "cases": ("ärenden",),
    "issues": ("frågor", "ärenden"),
    "issue": ("frågor", "fråga"),
    "problem": ("frågor", "fråga"),
    "problems": ("frågor",),
    "solve": ("lösas",),
    "solved": ("lösas",),
    "resolve": ("lösas",),
    "locally": ("lokal",),
    "handled": ("hanteras",),
    "handle": ("hanteras",),
    "population": ("befolkningsmängd", "folkmängd"),
    "inhabitant": ("invånare",),
    "inhabitants": ("invånare",),
    "resident": ("invånare",),
    "organises": ("organisation", "ansvarar"),
    "organizes": ("organisation", "ansvarar"),
    "organise": ("organisation", "ansvarar"),
    "organize": ("organisation", "ansvarar"),
    "coordinates": ("koordinera",),
    "staff": ("medarbetarna",),
    "sent": ("skickas",),
    "send": ("skickas",),
    "go": ("skickas",),
    "published": ("publiceras",),
    "publish": ("publiceras",),
    "website": ("hemsidan",),
    "valid": ("gäller",),
    "period": ("period",),
    "members": ("ingår", "sammansättning"),
    "member": ("ingår", "sammansättning"),
    "composition": ("sammansättning", "ingår"),
    "consists": ("består",),
    "party": ("part",),
    "parties": ("parterna",),
    "no": ("ingen",),
    "municipality": ("kommun",),
    "municipalities": ("kommunerna",),
    "hospital": ("sjukhus",),
    "deviation": ("avvikelse",),
    "deviations": ("avvikelser",),
    "incident": ("avvikelse",),
    "incidents": ("avvikelser",),
    "follow up": ("uppföljning",),
    "follow-up": ("uppföljning",),
    "followup": ("uppföljning",),
    "report": ("rapporterar", "återrapportering"),
    "reports": ("rapporterar", "återrapportering"),
    "responsible": ("ansvarar",),
    "purpose": ("syfte",),
    "vote": ("rösträtt",),
    "voting": ("rösträtt",),
    "escalate": ("lyfts",),
    "escalated": ("lyfts",),
    "employer": ("arbetsgivaransvaret",),
    "commissions": ("uppdrag",),
    "commission": ("uppdrag",),
    "assignment": ("uppdrag",),
    "assignments": ("uppdrag",),
    "conference": ("spridningskonferens", "spridningsdag"),
}

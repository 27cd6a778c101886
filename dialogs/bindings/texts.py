"""Svenska texter för kopplingar mellan kanaler och grupper (kansliet arbetar på svenska)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BindingTexts:
    needs_channel: str = (
        "Kopplingar görs i en kanal eller gruppchatt: skriv "
        "*@Samverkansboten koppla kanalen till <grupp>* där."
    )
    needs_group: str = (
        'Jag hittar ingen grupp som heter "{group}". Skriv t.ex. *koppla kanalen till '
        "styrgruppen*, *… till AU* eller *… till lokal ledningsgrupp Borås*."
    )
    bound: str = "Klart! Den här kanalen är nu kopplad till {group} ({region})."
    unbound: str = "Kanalen är inte längre kopplad till {group}."
    not_bound: str = "Den här kanalen är inte kopplad till någon grupp."
    title: str = "Kopplade kanaler"
    broken: str = "TRASIG: Teams når inte kanalen, koppla den igen"
    none: str = "Inga kanaler är kopplade ännu."


TEXTS = BindingTexts()

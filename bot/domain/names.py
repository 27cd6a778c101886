"""Forgiving name matching for regions, groups and people.

Members and the office write names the way they say them: without å/ä/ö, in another case,
with a short form ("AU", "styrgruppen", "DPS") or a genitive ("styrgruppens"). Everything
that turns a written name into a key goes through here, so imports and chat agree.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.model import Governance, Group, GroupKind, Region

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Short forms a member may use for a kind of group, in every region.
KIND_WORDS: dict[GroupKind, tuple[str, ...]] = {
    GroupKind.POLITICAL_COUNCIL: (
        "dps",
        "delregionalt politiskt samrad",
        "politiskt samrad",
        "delregionala politiska samradet",
        "politiska samradet",
        "samradet",
        "political council",
        "political consultation",
        "political board",
    ),
    GroupKind.PRESIDIUM: ("presidium", "presidiet", "presidiet dps", "presidency"),
    GroupKind.STEERING_GROUP: (
        "styrgrupp",
        "styrgruppen",
        "styrgrupp narvard",
        "styrgruppen narvard",
        "sg",
        "steering group",
        "steering committee",
    ),
    GroupKind.WORKING_COMMITTEE: (
        "au",
        "arbetsutskott",
        "arbetsutskottet",
        "working committee",
        "executive committee",
    ),
    GroupKind.COMMISSIONED_GROUP: ("commissioned group", "task group", "assignment group"),
    GroupKind.LOCAL_MANAGEMENT: (
        "lokal ledningsgrupp",
        "lokala ledningsgruppen",
        "lokala ledningsgrupper",
        "ledningsgrupp",
        "ledningsgruppen",
        "llg",
        "local management group",
        "local collaboration group",
    ),
    GroupKind.LOCAL_WORKING: ("local working group", "local development group"),
    # Generic words only: "Närvårdskontoret" and "Vårdsamverkans kansli" are the regions'
    # own names, in their groups' aliases, and must point to their own region.
    GroupKind.OFFICE: (
        "kansli",
        "kansliet",
        "kontoret",
        "office",
        "secretariat",
    ),
}


def fold(text: str) -> str:
    """Lower-case, å/ä/ö folded, accents and punctuation removed, spaces collapsed."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return _NON_WORD.sub(" ", stripped).strip()


def strip_definite(word: str) -> str:
    """'styrgruppens' -> 'styrgrupp', 'kansliets' -> 'kansli': drop genitive and article."""
    for suffix in ("ens", "ets", "en", "et", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def variants(name: str) -> set[str]:
    folded = fold(name)
    if not folded:
        return set()
    words = folded.split()
    return {folded, " ".join(strip_definite(w) for w in words)}


def region_names(region: Region) -> set[str]:
    names = {region.key.replace("-", " "), region.name, region.collaboration, *region.aliases}
    return set().union(*(variants(n) for n in names))


def group_names(group: Group) -> set[str]:
    names: set[str] = {group.key.replace("-", " "), group.name, *group.aliases}
    if group.short_name:
        names.add(group.short_name)
    names.update(KIND_WORDS.get(group.kind, ()))
    return set().union(*(variants(n) for n in names))


def match_region(governance: Governance, text: str) -> Region | None:
    wanted = variants(text)
    for data in governance.regions:
        if wanted & region_names(data.region):
            return data.region
    return None


def match_group(governance: Governance, region: str, text: str) -> Group | None:
    """The group in `region` whose name, short form or alias the text is."""
    data = governance.region(region)
    if data is None:
        return None
    wanted = variants(text)
    exact = [g for g in data.groups if wanted & variants(g.name)]
    if len(exact) == 1:
        return exact[0]
    candidates = [g for g in data.groups if wanted & group_names(g)]
    if len(candidates) == 1:
        return candidates[0]
    # A kind word ("styrgruppen") may also match sub-groups' aliases; prefer the top group.
    top = [g for g in candidates if g.parent is None]
    return top[0] if len(top) == 1 else None


def all_names(governance: Governance) -> list[str]:
    """Every name the data gives: regions, groups (with short forms and aliases),
    municipalities and seat organisations; for the text analysis's vocabulary."""
    names: list[str] = []
    for data in governance.regions:
        region = data.region
        names += [region.name, region.collaboration, region.office_name, *region.aliases]
        names += list(region.municipalities)
        for group in data.groups:
            names += [group.name, group.short_name, *group.aliases]
            names += [seat.organisation for seat in group.seats]
    names += [w for words in KIND_WORDS.values() for w in words]
    return [n for n in names if n]

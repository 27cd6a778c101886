"""Reading hand-edited YAML with errors that say where: file, place and what is wrong.

The office edits `data/` by hand, so a typo must not stop at the first problem or surface as
a KeyError deep in a dialog. Every reader here records a problem and returns a harmless
default instead of raising; the loader raises one `DataError` listing them all at the end.
A place is written the way a person finds it in the file: `groups[3].seats[1].count`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.domain.model import Rule, SourceRef
from bot.domain.names import fold

# Keys of regions, groups, documents, seats, questions: stable ids used by imports and
# channel bindings, so they are kept to one spelling that survives URLs and CSV files.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DataError(Exception):
    """Everything wrong with `data/`, one problem per line."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the governance data:\n{lines}")


@dataclass
class Problems:
    """Collects problems across all files so one run shows the editor everything at once."""

    items: list[str] = field(default_factory=list)

    def add(self, file: str, place: str, message: str) -> None:
        self.items.append(f"{file}: {place}: {message}" if place else f"{file}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


def slug(text: str) -> str:
    """Key from a title: 'Samråd (DPS)' -> 'samrad-dps'.

    Uses the same folding as name matching, so å/ä/ö fold to a/a/o everywhere.
    """
    return fold(text).replace(" ", "-")


def read_yaml(path: Path, file: str, problems: Problems) -> object:
    """The parsed file, or None (with a problem recorded) when it is missing or not YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        problems.add(file, "", f"cannot read file ({exc.strerror or exc})")
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.add(file, where, f"not valid YAML: {reason}")
        return None


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "a mapping"
    )


class Fields:
    """One YAML mapping being read, with typed getters that record problems.

    `allowed` lists the keys the mapping may have; any other key is reported, because a
    misspelt key ("chiar:") would otherwise be silently ignored and the fact lost.
    """

    def __init__(
        self,
        data: object,
        file: str,
        place: str,
        problems: Problems,
        allowed: Iterable[str],
    ) -> None:
        self.file = file
        self.place = place
        self.problems = problems
        self.ok = isinstance(data, dict)
        self.data: dict[str, object] = data if isinstance(data, dict) else {}
        if not self.ok:
            problems.add(file, place, f"expected a mapping (key: value), got {_type_name(data)}")
        allowed_set = set(allowed)
        for key in self.data:
            if key not in allowed_set:
                known = ", ".join(sorted(allowed_set))
                self.report(str(key), f"unknown key '{key}' (known keys: {known})")

    def at(self, key: str) -> str:
        return f"{self.place}.{key}" if self.place else key

    def report(self, key: str, message: str) -> None:
        self.problems.add(self.file, self.at(key), message)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> object:
        return self.data.get(key)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.report(key, "missing (required)")
            return default
        # Numbers are accepted as text ("2020" as a period) because YAML reads them as ints.
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.report(key, f"expected text, got {_type_name(value)}")
            return default
        text = str(value).strip()
        if required and not text:
            self.report(key, "is empty")
        return text

    def optional_text(self, key: str) -> str | None:
        return self.text(key, required=False) or None

    def key(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not KEY_PATTERN.match(value):
            self.report(key, f"'{value}' is not a valid key (lowercase a-z, 0-9 and hyphens)")
        return value

    def integer(self, key: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        # bool is a subclass of int in Python; `count: yes` must not become 1.
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, f"expected a whole number, got {_type_name(value)} {value!r}")
            return None
        if value < minimum or (maximum is not None and value > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            self.report(key, f"must be at least {minimum}{upper}, got {value}")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.report(key, f"expected true or false, got {_type_name(value)} {value!r}")
            return default
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(key, f"expected a list of texts, got {_type_name(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.problems.add(self.file, f"{self.at(key)}[{i}]", "expected non-empty text")
        return tuple(out)

    def items(self, key: str, *, required: bool = False) -> Iterator[tuple[str, object]]:
        """(place, value) of each element of a list, e.g. ('groups[3]', {...})."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.report(key, "missing (required)")
            return
        if not isinstance(value, list):
            self.report(key, f"expected a list, got {_type_name(value)}")
            return
        for i, item in enumerate(value):
            yield f"{self.at(key)}[{i}]", item


def check_unique(keys: Iterable[tuple[str, str]], file: str, problems: Problems, what: str) -> None:
    """Report every (place, key) whose key was already used earlier in the same scope."""
    first: dict[str, str] = {}
    for place, key in keys:
        if not key:
            continue
        if key in first:
            problems.add(file, place, f"duplicate {what} '{key}' (first used at {first[key]})")
        else:
            first[key] = place


@dataclass
class Context:
    """What parsing one file needs: its name for messages, the problem list, known sections."""

    file: str
    problems: Problems
    sections: Mapping[str, frozenset[str]]  # document key -> its section keys

    def fields(self, data: object, place: str, allowed: tuple[str, ...]) -> Fields:
        return Fields(data, self.file, place, self.problems, allowed)

    def source(self, value: object, place: str) -> SourceRef | None:
        """`doc#section` (or {document, section}) checked against the loaded documents."""
        if value is None:
            self.problems.add(self.file, place, "missing source (document#section)")
            return None
        if isinstance(value, str) and value.count("#") == 1:
            document, section = (part.strip() for part in value.split("#"))
        elif isinstance(value, dict):
            f = self.fields(value, place, ("document", "section"))
            document, section = f.text("document"), f.text("section")
        else:
            self.problems.add(self.file, place, f"source must be 'document#section', got {value!r}")
            return None
        if document not in self.sections:
            known = ", ".join(sorted(self.sections)) or "none"
            self.problems.add(self.file, place, f"unknown document '{document}' (known: {known})")
            return None
        if section not in self.sections[document]:
            known = ", ".join(sorted(self.sections[document]))
            self.problems.add(
                self.file, place, f"document '{document}' has no section '{section}' ({known})"
            )
            return None
        return SourceRef(document, section)

    def rule(self, value: object, place: str) -> Rule | None:
        if isinstance(value, str):
            self.problems.add(self.file, place, "missing source: write {text: …, source: doc#sec}")
            return None
        f = self.fields(value, place, ("text", "source", "topic"))
        if not f.ok:
            return None
        text = f.text("text")
        source = self.source(f.raw("source"), f.at("source"))
        topic = f.text("topic", required=False)
        if topic:
            f.key("topic")
        return Rule(text, source, topic) if text and source else None

    def optional_rule(self, f: Fields, key: str) -> Rule | None:
        return self.rule(f.raw(key), f.at(key)) if f.has(key) else None

    def rules(self, f: Fields, key: str) -> tuple[Rule, ...]:
        found = (self.rule(value, place) for place, value in f.items(key))
        return tuple(r for r in found if r is not None)


def file_label(path: Path, root: Path) -> str:
    """The path as the editor sees it from the repository: 'data/regions/…/groups.yaml'."""
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()

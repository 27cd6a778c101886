"""The governing documents as Markdown: front matter and sections, with errors that say where.

Section keys are derived from the heading text, so a rule's source (`document#section`) can
be checked before any YAML becomes the model; see `data/README.md` for the format.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.domain.model import Document, Section
from bot.domain.validation import Fields, Problems, check_unique, file_label, slug

# Markdown documents. Section keys are derived from headings (see bot.domain.loader).
INGRESS_KEY = "ingress"
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")
_FRONT_MATTER_KEYS = ("key", "title", "period", "dated", "source_file")


def parse_document(text: str, region: str, stem: str, file: str, problems: Problems) -> Document:
    """A Markdown document with YAML front matter, split into sections at ## and ###."""
    meta: object = None
    body = text
    match = re.match(r"^---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.DOTALL)
    if match is None:
        problems.add(file, "front matter", "missing (the file must start with a --- block)")
    else:
        body = text[match.end() :]
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            problems.add(file, "front matter", f"not valid YAML: {exc}")
    f = Fields(meta, file, "front matter", problems, _FRONT_MATTER_KEYS)
    key = f.key("key")
    if key and key != stem:
        f.report("key", f"'{key}' must equal the file name '{stem}.md'")
    sections: list[Section] = []
    current: tuple[str, str] | None = None  # (number, title) of the open section
    title_seen = False
    lines: list[str] = []

    def close() -> None:
        content = "\n".join(lines).strip()
        if current is not None:
            sections.append(Section(slug(current[1]), current[0], current[1], content))
        elif content:
            sections.append(Section(INGRESS_KEY, "", f.text("title", required=False), content))
        lines.clear()

    for lineno, line in enumerate(body.splitlines(), start=1):
        heading = _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        if len(heading.group(1)) == 1:
            # The document's own title: only one, and only before the first section.
            if title_seen or current is not None:
                problems.add(file, f"line {lineno}", "a second '# ' title; use ## or ###")
            title_seen = True
            continue
        close()
        numbered = _NUMBERED.match(heading.group(2))
        current = (numbered.group(1), numbered.group(2)) if numbered else ("", heading.group(2))
        if not slug(current[1]):
            problems.add(file, f"line {lineno}", "heading without words gives no section key")
    close()
    check_unique(((f"section '{s.title}'", s.key) for s in sections), file, problems, "section")
    return Document(
        key=key or stem,
        region=region,
        title=f.text("title"),
        period=f.text("period", required=False),
        source_file=f.text("source_file"),
        sections=tuple(sections),
        dated=f.text("dated", required=False),
    )


def load_documents(region_dir: Path, root: Path, problems: Problems) -> tuple[Document, ...]:
    folder = region_dir / "documents"
    if not folder.is_dir():
        problems.add(file_label(folder, root), "", "missing documents folder")
        return ()
    docs = []
    for path in sorted(folder.glob("*.md")):
        label = file_label(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            problems.add(label, "", f"cannot read file ({exc.strerror or exc})")
            continue
        docs.append(parse_document(text, region_dir.name, path.stem, label, problems))
    return tuple(docs)

"""Build the Teams app package: manifest.json with the bot's app id, plus the two icons, zipped.

The manifest in ``manifest/`` holds a placeholder GUID; this module fills in the real Microsoft
App ID, checks the result (schema, icon sizes) and writes the zip that Teams accepts: the three
files at the zip root, no folder.

jsonschema and Pillow are dev dependencies. The runtime (``python -m bot manifest``) must work
without them, so jsonschema is imported lazily and skipped with a warning when missing, and icon
sizes are read from the PNG header by hand rather than with Pillow.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_MANIFEST_DIR = Path(__file__).resolve().parents[1] / "manifest"
PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000"
GUID_FORM = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
# Sizes Teams requires; the upload is refused otherwise.
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}

_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# Same pattern as the schema's "semver" definition: Teams wants plain x.y.z.
_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A fixed timestamp makes two builds of the same input byte-identical.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_package(
    app_id: str,
    out: Path,
    *,
    manifest_dir: Path | None = None,
    version: str | None = None,
) -> Path:
    """Write the Teams app zip for ``app_id`` to ``out`` and return ``out``.

    Raises ValueError (message in Swedish and English) for a malformed app id or version, a
    manifest that fails the schema, or icons of the wrong size or type.
    """
    app_id = app_id.strip()
    if not _GUID.match(app_id):
        raise ValueError(
            f"Ogiltigt --app-id {app_id!r}: ange botens Microsoft App ID som ett GUID på formen "
            f"{GUID_FORM}. / Invalid --app-id {app_id!r}: give the bot's Microsoft App ID as a "
            f"GUID of the form {GUID_FORM}."
        )
    if version is not None and not _SEMVER.match(version):
        raise ValueError(
            f"Ogiltig version {version!r}: använd formen 1.2.3. / "
            f"Invalid version {version!r}: use the form 1.2.3."
        )
    source = manifest_dir or DEFAULT_MANIFEST_DIR
    template = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest = fill_manifest(template, app_id, version=version)

    schema_path = source / "schema" / f"MicrosoftTeams.v{manifest['manifestVersion']}.schema.json"
    try:
        errors = validate_manifest(manifest, schema_path)
    except ImportError:
        log.warning("jsonschema is not installed: the manifest is packaged without schema check")
        errors = []
    if errors:
        raise ValueError(
            "Manifestet följer inte schemat / The manifest does not match the schema:\n"
            + "\n".join(errors)
        )

    icons: dict[str, bytes] = {}
    for kind, (width, height) in ICON_SIZES.items():
        path = source / manifest["icons"][kind]
        data = path.read_bytes()
        size = png_size(data)
        if size != (width, height):
            raise ValueError(
                f"Ikonen {path.name} ska vara en PNG på {width}×{height}, är {size}. / "
                f"Icon {path.name} must be a {width}×{height} PNG, is {size}."
            )
        # Teams reads the icons from the zip root, so the manifest must name them bare.
        manifest["icons"][kind] = path.name
        icons[path.name] = data
    _check_outline_if_pillow(source / template["icons"]["outline"])

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write(archive, "manifest.json", _dump(manifest))
        for name, data in icons.items():
            _write(archive, name, data)
    # Replace in one step so a failed build never leaves half a zip where the old one was.
    partial.replace(out)
    log.info("wrote Teams app package %s for app id %s", out, app_id)
    return out


def fill_manifest(
    template: dict[str, Any], app_id: str, *, version: str | None = None
) -> dict[str, Any]:
    """A copy of ``template`` with the app id in every place Teams expects it."""
    manifest = copy.deepcopy(template)
    manifest["id"] = app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
    if "webApplicationInfo" in manifest:
        manifest["webApplicationInfo"]["id"] = app_id
    if version is not None:
        manifest["version"] = version
    return manifest


def validate_manifest(manifest: dict[str, Any], schema_path: Path) -> list[str]:
    """Schema errors of ``manifest`` as "/json/pointer: message" lines; empty when valid.

    Raises ImportError when jsonschema (a dev dependency) is not installed.
    """
    import jsonschema  # dev-only; see the module docstring

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # The schema declares draft-04 but uses "const" (draft-06+), which a Draft 4 validator
    # silently ignores; Draft 7 understands every keyword it uses.
    validator = jsonschema.Draft7Validator(schema)
    messages = []
    for error in validator.iter_errors(manifest):
        pointer = "/" + "/".join(str(part) for part in error.absolute_path)
        messages.append(f"{pointer}: {error.message}")
    return sorted(messages)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, or None if ``data`` is not a PNG."""
    # Layout: 8-byte signature, then the IHDR chunk: length, b"IHDR", width, height (big-endian).
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _check_outline_if_pillow(path: Path) -> None:
    """Refuse an outline icon with coloured pixels, when Pillow is there to look."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        rgba = image.convert("RGBA")
    # Every visible pixel must be white; only fully transparent ones may have other colours.
    coloured = [
        (x, y)
        for x in range(rgba.width)
        for y in range(rgba.height)
        if _is_coloured(rgba.getpixel((x, y)))
    ]
    if coloured:
        raise ValueError(
            f"Konturikonen {path.name} får bara ha vitt på transparent (t.ex. pixel "
            f"{coloured[0]}). / Outline icon {path.name} must be white on transparent only "
            f"(e.g. pixel {coloured[0]})."
        )


def _is_coloured(pixel: Any) -> bool:
    red, green, blue, alpha = pixel
    return bool(alpha) and (red, green, blue) != (255, 255, 255)


def _dump(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)

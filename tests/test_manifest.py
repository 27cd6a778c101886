"""The Teams app package: the committed manifest and icons, and what build_package writes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from bot.manifest import build_package, png_size, validate_manifest

MANIFEST_DIR = Path(__file__).resolve().parents[1] / "manifest"
# The vendored copy, not /work/shared: the test must pass on a fresh clone.
SCHEMA = MANIFEST_DIR / "schema" / "MicrosoftTeams.v1.30.schema.json"
APP_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"


def _manifest() -> dict:
    return json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))


def _pixels(image: Image.Image, bands: int) -> set[tuple[int, ...]]:
    """Distinct pixel values (tobytes rather than getdata, which Pillow is deprecating)."""
    raw = image.tobytes()
    return {tuple(raw[i : i + bands]) for i in range(0, len(raw), bands)}


def test_repository_manifest_validates_against_vendored_schema() -> None:
    manifest = _manifest()
    assert manifest["manifestVersion"] == "1.30"
    assert manifest["$schema"].endswith("/teams/v1.30/MicrosoftTeams.schema.json")
    assert validate_manifest(manifest, SCHEMA) == []


def test_schema_is_enforced() -> None:
    manifest = _manifest()
    manifest["manifestVersion"] = "1.29"  # only caught through "const", i.e. not by Draft 4
    manifest["bots"][0]["botId"] = "not-a-guid"
    errors = validate_manifest(manifest, SCHEMA)
    assert any(error.startswith("/manifestVersion:") for error in errors)
    assert any(error.startswith("/bots/0/botId:") for error in errors)


def test_manifest_content() -> None:
    manifest = _manifest()
    assert manifest["name"]["short"] == "Samverkansboten"
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "sv-SE"
    bot = manifest["bots"][0]
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    # The office sends governing documents to the bot in a personal chat (issue #10).
    assert bot["supportsFiles"] is True and bot["isNotificationOnly"] is False
    titles = {
        tuple(lst["scopes"]): {c["title"] for c in lst["commands"]} for lst in bot["commandLists"]
    }
    assert "hjälp" in titles[("personal",)]
    assert {"koppla kanalen till", "koppla loss kanalen", "visa kopplingar"} <= titles[
        ("team", "groupChat")
    ]
    for lst in bot["commandLists"]:
        for command in lst["commands"]:
            assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert manifest["developer"][key].startswith("https://")


def test_icons() -> None:
    with Image.open(MANIFEST_DIR / "color.png") as color:
        assert color.size == (192, 192)
        assert len(_pixels(color.convert("RGB"), 3)) > 2  # full colour, not a silhouette
    with Image.open(MANIFEST_DIR / "outline.png") as outline:
        assert outline.size == (32, 32)
        pixels = _pixels(outline.convert("RGBA"), 4)
    visible = {p for p in pixels if p[3]}
    assert visible, "the outline icon is empty"
    assert any(p[3] == 0 for p in pixels), "the outline icon has no transparent background"
    assert all(p[:3] == (255, 255, 255) for p in visible)
    assert png_size((MANIFEST_DIR / "color.png").read_bytes()) == (192, 192)


def test_build_package(tmp_path: Path) -> None:
    out = build_package(APP_ID, tmp_path / "dist" / "app.zip", version="1.2.3")
    assert out == tmp_path / "dist" / "app.zip"
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        assert png_size(archive.read("outline.png")) == (32, 32)
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["version"] == "1.2.3"
    assert validate_manifest(manifest, SCHEMA) == []
    # Reproducible: the same input gives the same bytes.
    again = build_package(APP_ID, tmp_path / "again.zip", version="1.2.3")
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize("bad", ["", "samverkansboten", "3f2504e0-4f89-41d3-9a0c-0305e82c330"])
def test_bad_app_id_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="--app-id") as caught:
        build_package(bad, tmp_path / "app.zip")
    message = str(caught.value)
    assert "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in message
    assert "Ogiltigt" in message and "Invalid" in message
    assert not (tmp_path / "app.zip").exists()


def test_wrong_icon_size_is_refused(tmp_path: Path) -> None:
    for name in ("manifest.json", "color.png"):
        (tmp_path / name).write_bytes((MANIFEST_DIR / name).read_bytes())
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / SCHEMA.name).write_bytes(SCHEMA.read_bytes())
    Image.new("RGBA", (48, 48), (255, 255, 255, 0)).save(tmp_path / "outline.png")
    with pytest.raises(ValueError, match="32×32"):
        build_package(APP_ID, tmp_path / "out.zip", manifest_dir=tmp_path)

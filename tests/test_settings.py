"""Settings are read once; a wrong value names the setting and what is expected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert (settings.port, settings.host) == (3978, "127.0.0.1")
    assert settings.database_url.startswith("sqlite:///") and "var" in settings.database_url
    assert str(settings.timezone) == "Europe/Stockholm"
    assert settings.default_region == "Södra Älvsborg"
    assert not settings.authentication_enabled


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"PORT": "abc"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"MicrosoftAppId": "not-a-guid"}, "MicrosoftAppId"),
        ({"MicrosoftAppId": "5f0c5a43-6a1b-4a43-9a41-0d6b1b4f9e21"}, "MicrosoftAppPassword"),
        ({"MicrosoftAppType": "Sometimes"}, "MicrosoftAppType"),
        ({"BOT_ALLOWED_TENANTS": "contoso"}, "BOT_ALLOWED_TENANTS"),
        ({"BOT_TIMEZONE": "Mars/Olympus"}, "BOT_TIMEZONE"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"BOT_TENANT_RATE": "500"}, "BOT_TENANT_RATE"),
    ],
)
def test_wrong_values_name_the_setting(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    assert caught.value.name == name
    assert name in str(caught.value)


def test_office_users_are_matched_by_upn_or_aad_id_in_any_case() -> None:
    settings = Settings.from_env({"BOT_OFFICE_USERS": "Kim@Exempel.invalid; 1234-aad"})
    assert settings.is_office_user(None, "kim@exempel.invalid")
    assert settings.is_office_user("1234-AAD")
    assert not settings.is_office_user("someone-else", "")


def test_a_wrong_setting_stops_start_up_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PORT": "tretton", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "PORT" in result.stderr and "Traceback" not in result.stderr

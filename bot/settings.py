"""Settings, read once from the environment into a frozen object.

Every wrong value stops start-up with a message naming the setting and what is expected,
so the office never has to read a stack trace to find a typo in `.env`.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.table_file import ImportLimits

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = ROOT / "data"
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'samverkansboten.db'}"
INSTANCE_NAME_MAX = 200  # the column that records which instance claimed a row

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names it and what is expected."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        shown = value if len(value) < 60 else value[:57] + "..."
        super().__init__(f"Inställningen {name}={shown!r} går inte att använda: {expected}")
        self.name = name


@dataclass(frozen=True)
class Settings:
    port: int = 3978
    host: str = "127.0.0.1"
    database_url: str = DEFAULT_DATABASE_URL
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    allowed_tenants: frozenset[str] = frozenset()
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Stockholm"))
    default_region: str = "Södra Älvsborg"
    office_users: frozenset[str] = frozenset()  # lower-case e-mail/UPN or AAD object ids
    data_dir: Path = DEFAULT_DATA_DIR
    # Where Bot Framework publishes its token signing keys. Only sovereign clouds and the
    # authentication tests change it; empty means Microsoft's public cloud.
    openid_metadata_url: str = ""
    log_level: str = "INFO"
    # The bot's public address (https://…), for links members open themselves: the
    # calendar feed in meeting notices. Empty: notices carry no calendar link.
    public_url: str = ""
    # Requests a second this instance may send to one tenant's Teams (Teams allows a bot
    # 30–50); with several instances, give each its share.
    tenant_rate: int = 30
    # The office's survey in chat: days a round stays open, and months after closing
    # until who was asked and the free-text comments are deleted.
    survey_close_days: int = 21
    survey_retention_months: int = 24
    # Seconds between looks at the office's library (imported documents, added regions)
    # by each instance; an import on this instance is used at once.
    library_poll: float = 10.0
    # The largest document file the office may import (bytes).
    max_document_bytes: int = 20 * 1024 * 1024
    # This instance's name, stable across restarts (host:port unless BOT_INSTANCE says
    # otherwise): on start it takes back the claims a crashed process of it left. Empty
    # (tests): a name of its own per process, so nothing is taken back.
    instance_name: str = ""
    # How long the housekeeping job keeps handled activity ids (hours) and the outbox's
    # finished posts (days: sent, skipped or dead, for the office's reports).
    keep_activities_hours: int = 24
    keep_outbox_days: int = 120
    # What a roster or meeting file may hold: size, rows (or calendar events), and the
    # meetings one calendar series may expand into.
    import_limits: ImportLimits = field(default_factory=ImportLimits)

    @property
    def authentication_enabled(self) -> bool:
        return bool(self.app_id)

    def is_office_user(self, *identities: str | None) -> bool:
        return any(i and i.strip().lower() in self.office_users for i in identities)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        port_text = get("PORT", "3978")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise SettingsError("PORT", port_text, "ett portnummer mellan 1 och 65535, t.ex. 3978")

        app_id = get("MicrosoftAppId")
        if app_id and not _GUID.match(app_id):
            raise SettingsError(
                "MicrosoftAppId", app_id, "botens app-id (ett GUID) eller tomt för lokal körning"
            )
        password = get("MicrosoftAppPassword")
        app_type = get("MicrosoftAppType", "MultiTenant") or "MultiTenant"
        if app_type not in _APP_TYPES:
            raise SettingsError("MicrosoftAppType", app_type, "ett av " + ", ".join(_APP_TYPES))
        tenant = get("MicrosoftAppTenantId")
        if tenant and not _GUID.match(tenant):
            raise SettingsError("MicrosoftAppTenantId", tenant, "klient-id:t (ett GUID)")
        if app_type == "SingleTenant" and app_id and not tenant:
            raise SettingsError(
                "MicrosoftAppTenantId", tenant, "ett klient-id när MicrosoftAppType=SingleTenant"
            )
        if app_id and app_type != "UserAssignedMSI" and not password:
            raise SettingsError(
                "MicrosoftAppPassword", "", "botens hemlighet när MicrosoftAppId är satt"
            )

        allowed = _split(get("BOT_ALLOWED_TENANTS"))
        for tenant_id in allowed:
            if not _GUID.match(tenant_id):
                raise SettingsError(
                    "BOT_ALLOWED_TENANTS", tenant_id, "kommaseparerade klient-id:n (GUID)"
                )

        tz_name = get("BOT_TIMEZONE", "Europe/Stockholm")
        try:
            timezone = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise SettingsError(
                "BOT_TIMEZONE", tz_name, "en IANA-tidszon, t.ex. Europe/Stockholm"
            ) from err

        data_dir = Path(get("BOT_DATA_DIR") or DEFAULT_DATA_DIR)
        if not (data_dir / "regions").is_dir():
            raise SettingsError("BOT_DATA_DIR", str(data_dir), "en mapp som innehåller regions/")

        level = get("LOG_LEVEL", "INFO").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise SettingsError("LOG_LEVEL", level, "DEBUG, INFO, WARNING eller ERROR")

        metadata_url = get("BOT_OPENID_METADATA_URL")
        if metadata_url and not metadata_url.startswith(("https://", "http://127.0.0.1")):
            raise SettingsError("BOT_OPENID_METADATA_URL", metadata_url, "en https-adress")

        public_url = get("BOT_PUBLIC_URL").rstrip("/")
        if public_url and not public_url.startswith(("https://", "http://")):
            raise SettingsError(
                "BOT_PUBLIC_URL", public_url, "botens publika adress, t.ex. https://bot.exempel.se"
            )

        rate_text = get("BOT_TENANT_RATE", "30")
        if not rate_text.isdigit() or not 1 <= int(rate_text) <= 50:
            raise SettingsError(
                "BOT_TENANT_RATE", rate_text, "anrop per sekund mot en klient, 1–50 (Teams: 30–50)"
            )

        close_text = get("BOT_SURVEY_CLOSE_DAYS", "21")
        if not close_text.isdigit() or not 1 <= int(close_text) <= 90:
            raise SettingsError(
                "BOT_SURVEY_CLOSE_DAYS", close_text, "dagar som enkäten är öppen, 1–90"
            )
        retention_text = get("BOT_SURVEY_RETENTION_MONTHS", "24")
        if not retention_text.isdigit() or not 1 <= int(retention_text) <= 120:
            raise SettingsError(
                "BOT_SURVEY_RETENTION_MONTHS",
                retention_text,
                "månader efter stängning innan enkätens namn och kommentarer raderas, 1–120",
            )

        poll_text = get("BOT_LIBRARY_POLL_SECONDS", "10")
        if not poll_text.isdigit() or not 1 <= int(poll_text) <= 3600:
            raise SettingsError(
                "BOT_LIBRARY_POLL_SECONDS",
                poll_text,
                "sekunder mellan kontrollerna av nya dokument, 1–3600",
            )
        max_mb_text = get("BOT_MAX_DOCUMENT_MB", "20")
        if not max_mb_text.isdigit() or not 1 <= int(max_mb_text) <= 200:
            raise SettingsError(
                "BOT_MAX_DOCUMENT_MB", max_mb_text, "största dokumentfil i MB, 1–200"
            )

        keep_hours_text = get("BOT_KEEP_ACTIVITIES_HOURS", "24")
        if not keep_hours_text.isdigit() or not 1 <= int(keep_hours_text) <= 24 * 30:
            raise SettingsError(
                "BOT_KEEP_ACTIVITIES_HOURS", keep_hours_text, "timmar, 1–720 (t.ex. 24)"
            )
        keep_days_text = get("BOT_KEEP_OUTBOX_DAYS", "120")
        # At least the planner's look-back (100 days): a post pruned sooner could be planned
        # again.
        if not keep_days_text.isdigit() or not 100 <= int(keep_days_text) <= 3650:
            raise SettingsError(
                "BOT_KEEP_OUTBOX_DAYS", keep_days_text, "dagar, 100–3650 (t.ex. 120)"
            )
        instance = get("BOT_INSTANCE", "") or f"{socket.gethostname()}:{port_text}"
        limits = {}
        for name, default, low, high, what in (
            ("BOT_MAX_IMPORT_MB", "5", 1, 200, "MB, 1–200"),
            ("BOT_MAX_IMPORT_ROWS", "5000", 10, 1_000_000, "rader, 10–1000000"),
            ("BOT_MAX_OCCURRENCES", "500", 1, 100_000, "möten per serie, 1–100000"),
        ):
            text = get(name, default)
            if not text.isdigit() or not low <= int(text) <= high:
                raise SettingsError(name, text, what)
            limits[name] = int(text)
        import_limits = ImportLimits(
            max_bytes=limits["BOT_MAX_IMPORT_MB"] * 1024 * 1024,
            max_rows=limits["BOT_MAX_IMPORT_ROWS"],
            max_occurrences=limits["BOT_MAX_OCCURRENCES"],
        )

        return cls(
            port=int(port_text),
            host=get("HOST", "127.0.0.1") or "127.0.0.1",
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            app_id=app_id,
            app_password=password,
            app_type=app_type,
            app_tenant_id=tenant,
            allowed_tenants=frozenset(t.lower() for t in allowed),
            timezone=timezone,
            default_region=get("BOT_DEFAULT_REGION", "Södra Älvsborg") or "Södra Älvsborg",
            office_users=frozenset(u.lower() for u in _split(get("BOT_OFFICE_USERS"))),
            data_dir=data_dir,
            openid_metadata_url=metadata_url,
            log_level=level,
            public_url=public_url,
            tenant_rate=int(rate_text),
            survey_close_days=int(close_text),
            survey_retention_months=int(retention_text),
            library_poll=float(poll_text),
            max_document_bytes=int(max_mb_text) * 1024 * 1024,
            instance_name=instance[:INSTANCE_NAME_MAX],
            keep_activities_hours=int(keep_hours_text),
            keep_outbox_days=int(keep_days_text),
            import_limits=import_limits,
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]

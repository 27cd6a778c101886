"""What the office is told when delivery goes wrong, in Swedish, with names people know.

The group and region by their names (not keys), the kind of post as the office calls it,
times in Swedish local time; never exception text (the log has the detail).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import dates
from bot.domain.model import Governance
from bot.domain.outbox import Post

# A gap this long between two planning rounds is downtime, not a round that ran late.
DOWNTIME = timedelta(hours=1)

# The office's words for each kind of post (`Post.kind`).
KIND_NAMES = {
    "announcement": "kungörelse",
    "kallelse": "kallelse",
    "dagordning-saknas": "påminnelse om dagordning",
    "paminnelse": "påminnelse",
    "protokoll-begaran": "begäran om protokoll",
    "protokoll-for-justering": "protokoll för justering",
    "justering-paminnelse": "påminnelse om justering",
    "protokoll-publicerat": "protokoll publicerat",
    "ordforande-paminnelse": "påminnelse till ordföranden",
    "survey": "enkät",
    "survey_reminder": "påminnelse om enkäten",
    "survey_report": "enkätrapport",
    "office_alert": "meddelande till kansliet",
}


class DeliveryAlerts:
    def __init__(self, governance: Governance, tz: ZoneInfo) -> None:
        self._governance = governance
        self._tz = tz

    def kind(self, post: Post) -> str:
        return KIND_NAMES.get(post.kind, post.kind)

    def where(self, post: Post) -> str:
        data = self._governance.region(post.region)
        region = data.region.name if data else post.region
        group = self._governance.group(post.region, post.group) if post.group else None
        if group is not None:
            return f"{group.name} ({region})"
        return region or "en personlig chatt"

    def gone(self, post: Post, status: int, channel_name: str) -> str:
        place = f"kanalen «{channel_name}»" if channel_name else "en kanal"
        return (
            f"Boten kan inte längre skriva i {place} som är kopplad till {self.where(post)} "
            f"(Teams svarade {status}): kanalen har tagits bort eller boten finns inte längre "
            "i teamet. Utskicken dit "
            "väntar och skickas när kanalen kopplas igen (@Samverkansboten koppla kanalen till "
            "<grupp>)."
        )

    def dead(self, post: Post, reason: str) -> str:
        return (
            f"En {self.kind(post)} till {self.where(post)} kunde inte skickas och boten har gett "
            f"upp: {reason}. Skicka den på annat sätt, eller be den som sköter boten titta i "
            "loggen."
        )

    def caught_up(
        self,
        late: Sequence[Post],
        skipped: Sequence[Post],
        since: datetime | None,
        now: datetime,
    ) -> str:
        """After downtime (or a calendar imported late): what went out late, what did not."""
        if since is not None and now - since > DOWNTIME:
            when = dates.swedish(since, self._tz, with_year=True)
            text = f"Boten har varit nere sedan {when} och har nu gått igenom vad som missades."
        else:  # the bot ran: the meetings reached it late (a calendar imported late)
            text = "Några utskick var redan försenade när mötena kom in i kalendern."
        if late:
            text += f"\n\nSkickat nu, märkt som försenat ({len(late)}):\n\n" + self._list(late)
        if skipped:
            text += (
                f"\n\nInte skickat, för sent för att vara till nytta ({len(skipped)}):\n\n"
                + self._list(skipped)
            )
        return text

    def _list(self, posts: Sequence[Post], shown: int = 10) -> str:
        lines = [
            f"- {self.kind(p)} till {self.where(p)}, planerad "
            f"{dates.swedish(p.due_at, self._tz, with_year=True)}"
            for p in posts[:shown]
        ]
        if len(posts) > shown:
            lines.append(f"- … och {len(posts) - shown} till")
        return "\n\n".join(lines)

    def skipped(self, posts: Sequence[Post], shown: int = 10) -> str:
        return (
            f"{len(posts)} utskick blev för gamla innan de kunde skickas (boten var nere) och "
            "har hoppats över:\n\n" + self._list(posts, shown)
        )

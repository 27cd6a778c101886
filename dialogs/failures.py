"""What a failed call to Teams means, in Swedish, for the office.

Alerts and reports tell the office what failed and what to do; the technical detail (the
exception, Teams' answer) goes to the log only, never into a message people read.
"""

from __future__ import annotations


def describe(status: int) -> str:
    """A short Swedish reason for Teams' answer `status` (0: no answer at all)."""
    if status == 0:
        return "Teams gick inte att nå (nätverket eller Teams svarade inte)"
    if status in (401, 403):
        return "Teams nekade boten att skriva där (boten saknar behörighet eller är borttagen)"
    if status == 404:
        return "konversationen finns inte längre i Teams"
    if status == 413:
        return "meddelandet var för stort för Teams"
    if status == 429:
        return "Teams bad boten vänta (för många meddelanden på kort tid)"
    if status >= 500:
        return f"Teams hade ett tillfälligt fel (svarskod {status})"
    return f"Teams tog inte emot meddelandet (svarskod {status})"

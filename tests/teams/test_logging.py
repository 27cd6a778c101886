"""aiohttp logs a request it cannot parse with its first bytes, which may be a bearer token;
`serve` installs a filter that keeps only the kind of error."""

from __future__ import annotations

import logging

from aiohttp.http_exceptions import LineTooLong

from bot.commands import NoRequestEcho


def test_a_malformed_request_is_logged_without_its_bytes() -> None:
    token = "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6" + "A" * 8000
    try:
        raise LineTooLong(token[:100].encode(), 8190)
    except LineTooLong as error:
        record = logging.LogRecord(
            "aiohttp.server", logging.ERROR, __file__, 1, "Error handling request from %s",
            ("127.0.0.1",), (type(error), error, error.__traceback__),
        )  # fmt: skip
    assert NoRequestEcho().filter(record) is True
    shown = record.getMessage() + str(record.exc_info or "") + str(record.exc_text or "")
    assert "eyJhbGci" not in shown and "Bearer" not in shown
    assert record.levelno == logging.INFO and "LineTooLong" in shown

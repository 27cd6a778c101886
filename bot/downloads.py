"""Files people send the bot, fetched from the link Teams gives (`FileDownload`).

Teams hands a personal chat's file over as a short-lived, pre-authorised download link
(`application/vnd.microsoft.teams.file.download.info`); no token is needed. Only HTTPS is
fetched (plain HTTP only on this machine, for tests), with a size cap and a time limit.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import aiohttp

from bot.domain.ports import DownloadFailed

log = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=60, sock_connect=10)
_LOCAL = ("127.0.0.1", "localhost", "::1")


class HttpDownload:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def fetch(self, url: str, max_bytes: int) -> bytes:
        parts = urlsplit(url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOCAL):
            raise DownloadFailed("only https links are fetched")
        try:
            async with self._session.get(url, timeout=TIMEOUT, allow_redirects=True) as response:
                if response.status != 200:
                    raise DownloadFailed(f"HTTP {response.status}")
                if (response.content_length or 0) > max_bytes:
                    raise DownloadFailed("too large")
                data = bytearray()
                async for chunk in response.content.iter_chunked(65536):
                    data.extend(chunk)
                    if len(data) > max_bytes:
                        raise DownloadFailed("too large")
                return bytes(data)
        except (aiohttp.ClientError, TimeoutError) as err:
            log.warning("download of a sent file failed: %s", type(err).__name__)
            raise DownloadFailed(type(err).__name__) from None

"""The one function in Storyline that touches the network.

Everything that needs a web page or feed calls ``fetch``; tests run it
against a local server on 127.0.0.1, never the internet.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import __version__
from ..errors import FetchError
from .files import MIB, split_content_type

USER_AGENT = f"Storyline/{__version__} (news analysis tool; Python-urllib)"
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_CHUNK = 64 * 1024


@dataclass
class Fetched:
    """A fetched resource. ``content_type`` is the media type in lower case
    (``text/html``), ``charset`` the header's charset parameter if any."""

    url: str
    final_url: str
    content_type: str
    body: bytes
    charset: str | None = None
    status: int = 200


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib would also follow ftp://)."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(req.full_url, f"redirect to a non-http(s) URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Built by hand: build_opener() would add file://, ftp:// and data: handlers.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(), _HttpOnlyRedirects(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(url: str, timeout: float, max_bytes: int) -> Fetched:
    """The resource at an http(s) ``url``; raises ``FetchError(url, reason)`` on any failure.

    ``timeout`` bounds connecting and the whole download in seconds;
    ``max_bytes`` bounds the (decompressed) body.
    """
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(url, "only http and https URLs can be fetched")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip"})
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(url, f"response is {int(length) / MIB:.1f} MiB, over the {max_bytes / MIB:g} MiB limit")
            body = _read_limited(response, url, max_bytes, deadline, timeout)
            media, charset = split_content_type(response.headers.get("Content-Type") or "")
            return Fetched(url=url, final_url=response.geturl(), content_type=media, body=body,
                           charset=charset, status=response.status)
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        raise FetchError(url, f"HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(url, f"timed out after {timeout:g} s") from None
        raise FetchError(url, f"cannot connect: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as err:
        raise FetchError(url, f"{type(err).__name__}: {err}") from None


def _read_limited(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:  # noqa: ANN001
    gzipped = (response.headers.get("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    parts: list[bytes] = []
    size = 0
    while True:
        # Why a deadline: the socket timeout restarts with every chunk a slow server trickles.
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out after {timeout:g} s (download too slow)")
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as err:
                raise FetchError(url, f"bad gzip body: {err}") from None
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"response is over the {max_bytes / MIB:g} MiB limit")
    return b"".join(parts)

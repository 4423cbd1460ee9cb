"""fetch() and URL inputs against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import ast
import gzip
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.errors import FetchError
from storyline.ingest import iter_documents
from storyline.ingest.fetch import USER_AGENT, fetch
from storyline.models import IngestFailure, RawDocument
from storyline.settings import Options

PAGE = ('<html><head><meta charset="windows-1252"><title>Invented</title></head>'
        "<body><p>\u201cWe stay,\u201d said the invented mayor Ola Brenn.</p></body></html>").encode("cp1252")
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Desk</title>
<item><title>One</title><link>http://local.example/1</link><description>First invented item.</description></item>
<item><title>Two</title><link>http://local.example/2</link><description>Second invented item.</description></item>
</channel></rss>"""
SLOW_SECONDS = 1.5
AGENTS: list[str] = []  # User-Agent headers the local server received

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page": (200, {"Content-Type": "text/html; charset=windows-1252"}, PAGE),
    "/feed": (200, {"Content-Type": "application/rss+xml"}, FEED),
    "/feed-as-octets": (200, {"Content-Type": "application/octet-stream"}, FEED),
    "/notes": (200, {"Content-Type": "text/plain; charset=utf-8"}, "Plain invented note – ok.".encode()),
    "/gzipped": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                 gzip.compress(b"<html><body><p>Compressed page.</p></body></html>")),
    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
    "/redirect": (302, {"Location": "/page"}, b""),
    "/to-ftp": (302, {"Location": "ftp://files.example/x"}, b""),
    "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        status, headers, body = ROUTES.get(self.path, (404, {"Content-Type": "text/html"}, b"not here"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, *args) -> None:  # quiet test output
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy set in the environment must not take requests meant for the local server.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_fetch_page(server: str) -> None:
    got = fetch(server + "/page", timeout=5, max_bytes=100_000)
    assert got.body == PAGE and got.content_type == "text/html" and got.charset == "windows-1252"
    assert got.final_url == server + "/page" and got.status == 200


def test_fetch_follows_redirects_and_sends_user_agent(server: str) -> None:
    got = fetch(server + "/redirect", timeout=5, max_bytes=100_000)
    assert got.final_url == server + "/page" and got.url == server + "/redirect"
    assert AGENTS[-1] == USER_AGENT and USER_AGENT.startswith("Storyline/")


def test_fetch_decompresses_gzip(server: str) -> None:
    assert fetch(server + "/gzipped", timeout=5, max_bytes=1000).body == b"<html><body><p>Compressed page.</p></body></html>"


@pytest.mark.parametrize("path,kwargs,reason", [
    ("/missing", {}, "HTTP 404"),
    ("/slow", {"timeout": 0.3}, "timed out"),
    ("/big", {"max_bytes": 1000}, "over the"),
    ("/to-ftp", {}, "non-http(s)"),
])
def test_fetch_errors(server: str, path: str, kwargs: dict, reason: str) -> None:
    args = {"timeout": 5.0, "max_bytes": 100_000, **kwargs}
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(server + path, **args)
    assert reason in info.value.reason and info.value.origin == server + path
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://files.example/a", "data:text/plain,hi"])
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, timeout=1, max_bytes=10)


def test_fetch_refuses_closed_port() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: connection refused
        with pytest.raises(FetchError, match="cannot connect"):
            fetch(f"http://127.0.0.1:{port}/", timeout=2, max_bytes=10)


def test_url_inputs_dispatch_by_content_type(server: str) -> None:
    urls = [server + p for p in ("/page", "/feed", "/feed-as-octets", "/notes", "/missing", "/report.pdf")]
    items = list(iter_documents(urls, Options(fetch_timeout=5)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    page = docs[0]
    assert page.format == "html" and page.url == server + "/page" and page.origin == server + "/page"
    assert "\u201cWe stay,\u201d" in page.content  # cp1252 named by the HTTP header
    feed_items = [d for d in docs if "#item-" in d.origin]
    assert [d.origin for d in feed_items] == [server + "/feed#item-1", server + "/feed#item-2",
                                              server + "/feed-as-octets#item-1", server + "/feed-as-octets#item-2"]
    assert feed_items[0].source == "Local Desk" and feed_items[0].url == "http://local.example/1"
    note = docs[-1]
    assert note.format == "text" and note.content == "Plain invented note – ok."
    assert len(docs) == 6
    assert [(f.origin, f.reason.split(" (hint")[0]) for f in failures] == [
        (server + "/missing", "HTTP 404 Not Found"),
        (server + "/report.pdf", "content type 'application/pdf' is not supported"),
    ]


NETWORK_MODULES = {"socket", "urllib.request", "http.client", "urllib3", "requests", "httpx", "aiohttp"}
NETWORK_NAMES = {"urlopen", "fetch_url", "create_connection"}
SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"


def _network_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in NETWORK_MODULES or a.name == "feedparser"]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module in NETWORK_MODULES or node.module.startswith("trafilatura.downloads"):
                found.append(node.module)
            if node.module == "feedparser":
                found.append("feedparser")
            found += [a.name for a in node.names if a.name in NETWORK_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in NETWORK_NAMES:
            found.append(node.attr)
    return found


def test_only_fetch_touches_the_network() -> None:
    """fetch.py is the one module that opens connections; feedparser (which fetches
    str arguments) is used only by feeds.py, on bytes. The HTTP benchmark's load
    generator talks to the server it starts on 127.0.0.1, never to the network."""
    allowed = {SRC / "ingest" / "fetch.py": None, SRC / "ingest" / "feeds.py": {"feedparser"},
               SRC / "bench" / "http.py": {"socket", "httpx"}}
    offenders = {}
    for path in sorted(SRC.rglob("*.py")):
        uses = _network_uses(path)
        if path in allowed:
            uses = [u for u in uses if allowed[path] is not None and u not in allowed[path]]
        if uses:
            offenders[str(path.relative_to(SRC))] = uses
    assert offenders == {}
    assert _network_uses(SRC / "ingest" / "fetch.py")  # the scan does see imports

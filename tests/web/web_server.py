"""A real HTTP server on 127.0.0.1 for the web tests: real sockets, nothing mocked.

``LocalWeb`` runs ``http.server.ThreadingHTTPServer`` in a thread. Each test registers
what a path answers (``web.route(path, ...)``); a set of standard routes covers
redirects (chains, loops, to file:/ftp:), slow and endless answers, huge bodies, wrong
content types, 404, 451, gzip, and doi.org-, Open Library- and Wayback-style services.
Handlers that wait do so on the server's stop event, so teardown never hangs.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"


Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: _Server  # type: ignore[assignment]
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        return None  # quiet tests

    def do_GET(self) -> None:
        web = self.server.web
        web.requests.append((self.path, dict(self.headers.items())))
        absolute = self.path.startswith(("http://", "https://"))  # as sent to a proxy
        path = self.path if absolute else urlsplit(self.path).path
        route = web.routes.get(path)
        if route is None:
            prefix = next((p for p in sorted(web.prefixes, key=len, reverse=True)
                           if path.startswith(p)), None)
            route = web.prefixes.get(prefix) if prefix else None
        if route is None:
            self.answer(Answer(404, b"<h1>Not found</h1>"))
            return
        # The client may go away (a cancelled or capped fetch): expected, not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            route(self)

    # --- helpers for routes -------------------------------------------------
    def answer(self, answer: Answer, *, length: bool = True) -> None:
        self.send_response(answer.status)
        if answer.content_type:
            self.send_header("Content-Type", answer.content_type)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.answer(Answer(status, b"", {"Location": location}, ""))

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    web: LocalWeb


class LocalWeb:
    """The server, its routes and what it was asked (``requests``)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.prefixes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stop = threading.Event()
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.web = self
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        install_standard_routes(self)

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, answer: Answer | Route) -> None:
        self.routes[path] = answer if callable(answer) else (lambda h, a=answer: h.answer(a))

    def route_prefix(self, prefix: str, route: Route) -> None:
        self.prefixes[prefix] = route

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.route(path, Answer(200, data, dict(headers), content_type))
        return self.url(path)

    def start(self) -> LocalWeb:
        self._thread.start()
        return self

    def close(self) -> None:
        self.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def install_standard_routes(web: LocalWeb) -> None:
    article = fixture("article.html")
    web.page("/article.html", article)
    web.page("/scholarly.html", fixture("scholarly.html"))
    web.route("/missing", Answer(404, b"<h1>Not Found</h1>"))
    web.route("/legal", Answer(451, b"<h1>Unavailable For Legal Reasons</h1>"))
    web.route("/image.png", Answer(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {}, "image/png"))
    web.route("/data.json", Answer(200, b'{"a": 1}', {}, "application/json"))
    web.route("/empty-page", Answer(200, b"  \n", {}, "text/html"))
    web.route("/no-text", Answer(200, b"<html><body><script>x()</script><img src=a></body></html>",
                                 {}, "text/html"))
    web.route("/gzip", lambda h: h.answer(Answer(
        200, gzip.compress(article), {"Content-Encoding": "gzip"})))
    web.route("/deflate-raw", lambda h: h.answer(Answer(
        200, _raw_deflate(article), {"Content-Encoding": "deflate"})))
    web.route("/brotli", Answer(200, b"\x0b\x02\x80hello\x03", {"Content-Encoding": "br"}))
    web.route("/gzip-bomb", lambda h: h.answer(Answer(
        200, gzip_bomb(), {"Content-Encoding": "gzip"}, "text/plain")))
    web.route("/huge-declared", lambda h: h.answer(
        Answer(200, b"", {"Content-Length": str(10 * 1024 ** 3)}, "text/plain"), length=False))
    web.route("/endless", _endless)
    web.route("/drip", _drip)
    web.route("/slow-headers", _slow_headers)
    web.route("/stall-body", _stall_body)
    # Redirects.
    web.route("/old-address", lambda h: h.redirect("/article.html", 301))
    for n in range(1, 13):  # /chain/N redirects N times, then the article
        web.route(f"/chain/{n}", lambda h, n=n: h.redirect(
            f"/chain/{n - 1}" if n > 1 else "/article.html"))
    web.route("/loop-a", lambda h: h.redirect("/loop-b"))
    web.route("/loop-b", lambda h: h.redirect(web.url("/loop-a")))
    web.route("/to-file", lambda h: h.redirect("file:///etc/passwd"))
    web.route("/to-ftp", lambda h: h.redirect("ftp://127.0.0.1/pub/article.html"))
    web.route("/to-data", lambda h: h.redirect("data:text/html,<h1>hi</h1>"))
    web.route("/no-location", Answer(302, b"", {}, ""))
    install_services(web)


@cache
def gzip_bomb() -> bytes:
    """100 MB of zeros gzip-compressed to ~100 kB: a fetch must stop at its cap."""
    return gzip.compress(b"\0" * (100 * 1024 * 1024), compresslevel=9, mtime=0)


def _raw_deflate(data: bytes) -> bytes:
    import zlib

    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


def _endless(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.end_headers()
    block = b"spam " * 13107  # 64 kB
    for _ in range(10_000):  # 640 MB at most: far past any cap a test sets
        if h.server.web.stop.is_set():
            return
        h.wfile.write(block)


def _drip(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.end_headers()
    for _ in range(600):
        h.wfile.write(b"x")
        h.wfile.flush()
        if h.server.web.stop.wait(0.05):
            return


def _slow_headers(h: Handler) -> None:
    if h.server.web.stop.wait(10):
        return
    h.answer(Answer(200, b"late"))


def _stall_body(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b"a" * 1000)
    h.wfile.flush()
    h.server.web.stop.wait(10)


# --- doi.org, Open Library and Wayback Machine stand-ins -----------------------------

CSL_JSON = "application/vnd.citationstyles.csl+json"
SNAPSHOT_STAMP = "20240501103000"


def install_services(web: LocalWeb) -> None:
    csl = fixture("crossref-ja01577a030.csl.json")
    known_dois = {"10.1021/ja01577a030": csl}

    def doi(h: Handler) -> None:
        name = unquote(urlsplit(h.path).path[len("/doi/"):])
        if name not in known_dois:
            h.answer(Answer(404, b"DOI Not Found", {}, "text/html"))
            return
        accept = h.headers.get("Accept", "")
        if CSL_JSON in accept:  # content negotiation, as doi.org → Crossref does
            h.redirect(f"/crossref/transform/{name}", 302)
        else:
            h.redirect("/scholarly.html", 302)  # the landing page

    def crossref(h: Handler) -> None:
        name = unquote(urlsplit(h.path).path[len("/crossref/transform/"):])
        h.answer(Answer(200, known_dois[name], {}, CSL_JSON))

    web.route_prefix("/doi/", doi)
    web.route_prefix("/crossref/transform/", crossref)

    books = fixture("openlibrary-books-9780140328721.json")
    edition = fixture("openlibrary-edition-OL7353617M.json")
    author = fixture("openlibrary-author-OL34184A.json")

    def api_books(h: Handler) -> None:
        keys = h.query.get("bibkeys", [""])[0]
        ok = (h.query.get("format") == ["json"] and h.query.get("jscmd") == ["data"])
        body = books if ok and keys == "ISBN:9780140328721" else b"{}"
        h.answer(Answer(200, body, {}, "application/json"))

    web.route("/openlibrary/api/books", api_books)
    web.route("/openlibrary/isbn/0140328726.json",
              lambda h: h.redirect("/openlibrary/books/OL7353617M.json"))
    web.page("/openlibrary/books/OL7353617M.json", edition, "application/json")
    web.page("/openlibrary/authors/OL34184A.json", author, "application/json")

    web.wayback = {}  # type: ignore[attr-defined]  # original address -> snapshot stamp

    def available(h: Handler) -> None:
        url = h.query.get("url", [""])[0]
        stamp = web.wayback.get(url)  # type: ignore[attr-defined]
        if stamp is None:
            body = {"url": url, "archived_snapshots": {}}
        else:
            body = {"url": url, "archived_snapshots": {"closest": {
                "status": "200", "available": True, "timestamp": stamp,
                "url": f"http://web.archive.org/web/{stamp}/{url}"}}}
        h.answer(Answer(200, json.dumps(body).encode(), {}, "application/json"))

    def save(h: Handler) -> None:
        original = h.path[len("/save/"):]
        web.wayback[original] = SNAPSHOT_STAMP  # type: ignore[attr-defined]
        style = web.save_style  # type: ignore[attr-defined]
        snapshot = f"/web/{SNAPSHOT_STAMP}/{original}"
        if style == "location":
            h.redirect(web.url(snapshot), 302)
        elif style == "content-location":
            h.answer(Answer(200, b"<html>saved</html>", {"Content-Location": snapshot}))
        elif style == "link":
            link = (f'<{original}>; rel="original", '
                    f'<{web.url("/web/20230101000000/" + original)}>; rel="first memento"; '
                    'datetime="Sun, 01 Jan 2023 00:00:00 GMT", '
                    f'<{web.url(snapshot)}>; rel="last memento"; '
                    'datetime="Wed, 01 May 2024 10:30:00 GMT"')
            h.answer(Answer(200, b"<html>saved</html>", {"Link": link}))
        elif style == "busy":
            h.answer(Answer(429, b"Too many requests", {}, "text/html"))
        else:
            h.answer(Answer(200, b"<html>Saving...</html>"))

    web.save_style = "location"  # type: ignore[attr-defined]
    web.route("/wayback/available", available)
    web.route_prefix("/save/", save)


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> bool:
    """Poll ``condition`` (for a thread to reach a state), never to assert a duration."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()

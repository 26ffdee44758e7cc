"""Fetching against a real server on 127.0.0.1: what arrives, and every way it fails.

Each failure must be a FetchError of the right kind with one readable line — never a
traceback, never a half-read body passed on as if whole.
"""

from __future__ import annotations

import errno
import socket
import ssl
import threading
import zlib

import pytest

from desktop.domain.digest import sha256_hex
from desktop.storage.web import errors
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.client import fetch
from desktop.storage.web.errors import FetchCancelledError, FetchError
from desktop.storage.web.transport import Transport
from tests.web.web_server import Answer, fixture


def fails(kind: str, address: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(address, **kwargs)
    err = caught.value
    assert err.kind == kind, f"{err.kind}: {err}"
    message = str(err)
    assert message and "\n" not in message and "Traceback" not in message
    return err


def test_a_page_arrives_whole_with_its_headers_and_hash(web, config):
    response = fetch(web.url("/article.html"), config=config)
    body = fixture("article.html")
    assert response.status == 200
    assert response.body == body
    assert response.media_type == "text/html" and response.charset == "utf-8"
    assert response.requested == response.url == web.url("/article.html")
    provenance = response.provenance()
    assert provenance.sha256 == sha256_hex(body) and provenance.size == len(body)
    assert provenance.retrieved.endswith("Z")
    # What the server was sent: who we are, what we accept, and that we take gzip.
    _, headers = web.requests[-1]
    assert headers["User-Agent"].startswith("Mozilla/5.0 (compatible; Crosslight/")
    assert "gzip" in headers["Accept-Encoding"]


def test_progress_counts_bytes_against_the_declared_total(web, config):
    seen: list[tuple[int, int | None]] = []
    fetch(web.url("/article.html"), config=config, progress=lambda d, t: seen.append((d, t)))
    size = len(fixture("article.html"))
    assert seen[0] == (0, size) and seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("path", ["/gzip", "/deflate-raw"])
def test_compressed_answers_are_undone_and_hashed_as_the_page(web, config, path):
    response = fetch(web.url(path), config=config)
    assert response.body == fixture("article.html")
    assert response.provenance().sha256 == sha256_hex(fixture("article.html"))


def test_an_unknown_compression_is_refused_by_name(web, config):
    err = fails(errors.PROTOCOL, web.url("/brotli"), config=config)
    assert "“br”" in str(err)


def test_redirects_are_followed_and_recorded(web, config):
    response = fetch(web.url("/chain/3"), config=config)
    assert response.url == web.url("/article.html")
    assert response.requested == web.url("/chain/3")
    # The addresses passed through between the one asked for and the one that answered.
    assert response.redirects == (web.url("/chain/2"), web.url("/chain/1"))
    moved = fetch(web.url("/old-address"), config=config)
    assert moved.url == web.url("/article.html") and moved.redirects == ()


def test_ten_redirects_are_followed_and_the_eleventh_is_refused(web, config):
    assert fetch(web.url("/chain/10"), config=config).url == web.url("/article.html")
    err = fails(errors.REDIRECTS, web.url("/chain/11"), config=config)
    assert "more than 10 times" in str(err)


def test_a_redirect_loop_is_named_as_one(web, config):
    err = fails(errors.REDIRECTS, web.url("/loop-a"), config=config)
    assert "loop" in str(err)


@pytest.mark.parametrize(("path", "scheme"), [("/to-file", "file"), ("/to-ftp", "ftp"),
                                              ("/to-data", "data")])
def test_a_redirect_to_another_scheme_is_not_followed(web, config, path, scheme):
    err = fails(errors.REDIRECTS, web.url(path), config=config)
    assert f"“{scheme}:”" in str(err)
    assert len(web.requests) == 1  # nothing else was asked for


def test_a_redirect_without_a_location_is_not_a_page(web, config):
    # 302 without Location: nothing to follow, and not a page either.
    err = fails(errors.HTTP_STATUS, web.url("/no-location"), config=config)
    assert err.status == 302 and "not the page" in str(err)
    assert fetch(web.url("/no-location"), config=config, raise_for_status=False).status == 302


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://127.0.0.1/x",
                                     "data:text/html,hello", "javascript:alert(1)"])
def test_only_http_and_https_addresses_are_fetched(config, address):
    err = fails(errors.ADDRESS, address, config=config)
    assert "http" in str(err)


def test_404_and_451_say_what_they_mean(web, config):
    err = fails(errors.HTTP_STATUS, web.url("/missing"), config=config)
    assert err.status == 404 and "not found" in str(err).lower()
    err = fails(errors.HTTP_STATUS, web.url("/legal"), config=config)
    assert err.status == 451 and "legal reasons" in str(err)


def test_a_declared_size_over_the_cap_is_refused_before_reading(web, config):
    err = fails(errors.TOO_LARGE, web.url("/huge-declared"), config=config)
    assert "64 MB" in str(err)


def test_an_endless_answer_stops_at_the_cap(web, config):
    err = fails(errors.TOO_LARGE, web.url("/endless"), config=config.with_(max_bytes=300_000))
    assert "300,000 bytes" in str(err)


def test_a_gzip_bomb_stops_at_the_cap_on_the_decoded_size(web, config):
    # ~100 kB on the wire inflating to 100 MB: refused at 1 MB of decoded bytes.
    err = fails(errors.TOO_LARGE, web.url("/gzip-bomb"), config=config.with_(max_bytes=1 << 20))
    assert "1 MB" in str(err)


def test_a_server_that_never_answers_times_out(web, config):
    err = fails(errors.TIMEOUT, web.url("/slow-headers"), config=config.with_(read_timeout=0.3))
    assert "nothing arrived for 0.3 s" in str(err)


def test_a_body_that_stalls_times_out(web, config):
    err = fails(errors.TIMEOUT, web.url("/stall-body"), config=config.with_(read_timeout=0.3))
    assert "stopped answering" in str(err)


def test_a_dripping_answer_hits_the_total_time(web, config):
    # One byte every 50 ms never trips the read time-out; the total time stops it.
    err = fails(errors.TIMEOUT, web.url("/drip"), config=config.with_(total_timeout=0.5))
    assert "longer than 0.5 s" in str(err)


def test_nothing_listening_is_a_refused_connection(config):
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = fails(errors.REFUSED, f"http://127.0.0.1:{port}/", config=config)
    assert "refused the connection" in str(err) and str(port) in str(err)


def test_an_unknown_host_is_a_dns_failure(config, monkeypatch):
    # No lookup leaves this machine: the resolver answers "no such name" as it would.
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    err = fails(errors.DNS, "https://no-such-host.invalid/news", config=config)
    assert "“no-such-host.invalid” was not found (DNS)" in str(err)


@pytest.mark.parametrize(("failure", "kind"), [
    (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"), errors.OFFLINE),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), errors.OFFLINE),
])
def test_no_network_says_offline(config, monkeypatch, failure, kind):
    def resolver(host, *args, **kwargs):
        raise failure

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    err = fails(kind, "https://news.example/a", config=config)
    assert "offline" in str(err).lower()


def test_a_self_signed_certificate_fails_with_a_tls_reason(tls_web, config):
    err = fails(errors.TLS, tls_web.url("/article.html"), config=config)
    assert "certificate is not trusted" in str(err)
    assert "self-signed" in str(err) or "self signed" in str(err)


def test_https_works_with_a_trusted_certificate(tls_web, config, self_signed):
    cert, _ = self_signed
    trusting = ssl.create_default_context(cafile=str(cert))
    with Transport(config, ssl_context=trusting) as transport:
        response = fetch(tls_web.url("/article.html"), config=config, transport=transport)
    assert response.body == fixture("article.html")


def test_the_os_certificate_store_is_used(config):
    import truststore

    assert isinstance(Transport(config).ssl_context, truststore.SSLContext)


def test_cancel_between_chunks_stops_the_fetch(web, config):
    cancel = CancelToken()

    def progress(done: int, total: int | None) -> None:
        if done > 200_000:
            cancel.cancel()

    with pytest.raises(FetchCancelledError):
        fetch(web.url("/endless"), config=config, cancel=cancel, progress=progress)


def test_cancel_cuts_a_read_that_is_blocked(web, config):
    """The server sends 1000 bytes then nothing: Cancel from another thread ends the
    fetch without waiting for the (here: long) read time-out."""
    cancel = CancelToken()
    outcome: list[BaseException] = []
    started = threading.Event()

    def worker() -> None:
        try:
            fetch(web.url("/stall-body"), config=config.with_(read_timeout=60), cancel=cancel,
                  progress=lambda done, total: done and started.set())
        except BaseException as err:
            outcome.append(err)

    thread = threading.Thread(target=worker)
    thread.start()
    assert started.wait(10)
    cancel.cancel()
    thread.join(20)
    assert not thread.is_alive()
    assert isinstance(outcome[0], FetchCancelledError)


def test_a_cancelled_fetch_is_an_import_cancelled_error(web, config):
    from desktop.storage.formats.base import ImportCancelledError

    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(ImportCancelledError):
        fetch(web.url("/article.html"), config=config, cancel=cancel)


def test_the_system_proxy_is_used_for_remote_hosts(web, config, monkeypatch):
    """http_proxy names our local server, which plays a forward proxy: the request for a
    remote host goes to it (with the absolute address), and never to that host."""
    served = fixture("article.html")

    def proxy(h) -> None:
        h.answer(Answer(200, served, {"X-Via": "test-proxy"}))

    web.route_prefix("http://news.example/", proxy)  # an absolute-form request target
    monkeypatch.setenv("http_proxy", web.base)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    response = fetch("http://news.example/world/story", config=config)
    assert response.headers["x-via"] == "test-proxy"
    assert web.requests[-1][0] == "http://news.example/world/story"
    # no_proxy sends that host direct (and it does not exist: no DNS here, so we stop).
    monkeypatch.setenv("no_proxy", "news.example")
    from desktop.storage.web.transport import proxy_for

    assert proxy_for("http://news.example/world/story") is None
    assert proxy_for("http://other.example/") == web.base
    # Loopback addresses are always reached directly.
    assert proxy_for(web.url("/article.html")) is None


def test_a_socks_proxy_is_refused_clearly(config, monkeypatch):
    monkeypatch.setenv("https_proxy", "socks5://127.0.0.1:1080")
    err = fails(errors.PROXY, "https://news.example/", config=config)
    assert "socks5" in str(err)


def test_a_proxy_that_is_down_says_so(config, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{port}")
    err = fails(errors.PROXY, "http://news.example/", config=config)
    assert "proxy" in str(err)


def test_the_inflater_never_produces_more_than_asked():
    # The unit under the bomb test: a 10 MB page compressed, capped at 100 kB.
    from desktop.storage.web.client import _Inflater

    inflater = _Inflater("gzip")
    packer = zlib.compressobj(wbits=31)
    data = packer.compress(b"a" * 10_000_000) + packer.flush()
    pieces = inflater.feed(data, 100_001)
    assert sum(len(p) for p in pieces) <= 100_001

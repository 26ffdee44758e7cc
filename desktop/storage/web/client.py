"""``fetch``: one GET, done carefully — the only place the web layer reads from a socket.

- only http and https, checked for the address asked and for every redirect (a server
  cannot send us to ``file:``, ``ftp:`` or ``data:``); at most ``max_redirects`` hops,
  and a loop is named as one;
- a connect time-out, a read time-out (silence while sending) and a total time for the
  whole fetch, so a server dripping a byte a second cannot hold a worker forever;
- the size cap (the document limit) refused from ``Content-Length`` at once, and
  enforced while reading — on the decoded bytes, so a gzip bomb stops at the cap, never
  inflated whole in memory (we undo gzip/deflate ourselves, with zlib's ``max_length``);
- progress as (bytes received, total or None) after every chunk; the cancel token is
  checked between chunks and, through ``HTTPResponse.shutdown``, cuts a blocked read;
- every failure a ``FetchError`` with one sentence and a kind (see ``failures``).

Runs on the calling thread; nothing here touches Qt.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from desktop.domain.digest import sha256_hex
from desktop.domain.ids import utc_now
from desktop.domain.provenance import Provenance
from desktop.storage.web.address import normalise, parse_address
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import (
    PROTOCOL,
    REDIRECTS,
    TIMEOUT,
    TOO_LARGE,
    FetchCancelledError,
    FetchError,
)
from desktop.storage.web.failures import explain, short, status_error
from desktop.storage.web.transport import Transport

FetchProgress = Callable[[int, int | None], None]  # (bytes received so far, total or None)
CHUNK = 64 * 1024
PIECE = 1024 * 1024  # the most decoded bytes made from one step of decompression
_REDIRECT_STATUSES = {301, 302, 303, 307, 308}
_DRAIN_BYTES = 64 * 1024  # read this much of a redirect's body to reuse the connection


@dataclass(frozen=True, slots=True)
class Response:
    requested: str  # the address asked for (normalised)
    url: str  # the address that answered
    status: int
    reason: str
    headers: Mapping[str, str]  # lower-case names
    body: bytes  # as received, with gzip/deflate content coding undone
    retrieved: str  # ISO 8601 UTC, when the answer began
    redirects: tuple[str, ...] = field(default=())  # the addresses passed through

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str:
        for param in self.content_type.split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip("\"'")
        return ""

    def provenance(self) -> Provenance:
        """Where and when these bytes came from (without the bytes: see ``capture``)."""
        return Provenance(
            requested=self.requested,
            url=self.url,
            retrieved=self.retrieved,
            status=self.status,
            content_type=self.content_type,
            sha256=sha256_hex(self.body),
            size=len(self.body),
            redirects=self.redirects,
        )


def fetch(
    address: str,
    *,
    config: WebConfig | None = None,
    accept: str = "*/*",
    headers: Mapping[str, str] | None = None,
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
    follow_redirects: bool = True,
    raise_for_status: bool = True,
    max_bytes: int | None = None,
    total_timeout: float | None = None,
    read_timeout: float | None = None,
) -> Response:
    """GET ``address`` (an http/https address, ``example.com/…`` accepted).

    ``follow_redirects=False`` returns a redirect as the Response (Save Page Now tells
    where its snapshot is that way); ``raise_for_status=False`` returns other statuses
    with their (capped) body instead of raising.
    """
    config = config or WebConfig()
    cancel = cancel or CancelToken()
    requested = parse_address(address)
    own_transport = transport is None
    transport = transport or Transport(config)
    limit = config.max_bytes if max_bytes is None else max_bytes
    budget = config.total_timeout if total_timeout is None else total_timeout
    deadline = time.monotonic() + budget
    request_headers = {
        "User-Agent": config.user_agent,
        "Accept": accept,
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "*",
        **(headers or {}),
    }
    url, passed = requested, []
    try:
        while True:
            cancel.check(f"Fetching “{short(requested)}”", requested)
            response = _open(transport, url, request_headers, config, deadline, cancel,
                             read_timeout)
            retrieved = utc_now()
            status = response.status
            location = response.headers.get("location")
            if follow_redirects and status in _REDIRECT_STATUSES and location:
                _discard(response)
                passed.append(url)
                url = _redirect_target(url, location, passed, config.max_redirects)
                continue
            if raise_for_status and not 200 <= status < 300:  # 304, a 3xx with no Location…
                _discard(response)
                raise status_error(status, response.reason or "", url)
            body = _read_body(response, url, limit, deadline, budget, cancel, progress)
            return Response(
                requested=requested,
                url=url,
                status=status,
                reason=response.reason or "",
                headers={k.lower(): response.headers.get(k, "") for k in response.headers},
                body=body,
                retrieved=retrieved,
                redirects=tuple(passed[1:]) if passed else (),
            )
    finally:
        if own_transport:
            transport.close()


def _open(transport: Transport, url: str, headers: Mapping[str, str], config: WebConfig,
          deadline: float, cancel: CancelToken, read_timeout: float | None) -> Any:
    from urllib3 import Timeout

    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"“{short(url)}” took too long to answer; stopped.", TIMEOUT, url=url)
    read = config.read_timeout if read_timeout is None else read_timeout
    timeout = Timeout(connect=min(config.connect_timeout, remaining), read=min(read, remaining))
    pool = transport.pool_for(url)
    try:
        return pool.urlopen("GET", url, headers=dict(headers), redirect=False, retries=False,
                            preload_content=False, decode_content=False, timeout=timeout,
                            assert_same_host=False)
    except FetchError:
        raise
    except Exception as err:
        if cancel.cancelled:
            raise FetchCancelledError(f"Fetching “{short(url)}” was cancelled.",
                                      url=url) from err
        raise explain(err, url, connect_timeout=config.connect_timeout, read_timeout=read,
                      proxy=transport.proxy_in_use(url)) from err


def _redirect_target(url: str, location: str, passed: list[str], max_redirects: int) -> str:
    target = urljoin(url, location.strip())
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"The page redirected to a “{scheme}:” address, which Crosslight "
                         f"does not follow — {short(passed[0])}", REDIRECTS, url=passed[0])
    try:
        target = normalise(target)
    except FetchError as err:
        raise FetchError(f"The page redirected to an unusable address ({err}) — "
                         f"{short(passed[0])}", REDIRECTS, url=passed[0]) from None
    if target in passed:
        raise FetchError(f"The page redirects in a loop (through {len(passed)} addresses) — "
                         f"{short(passed[0])}", REDIRECTS, url=passed[0])
    if len(passed) > max_redirects:
        raise FetchError(f"The page redirected more than {max_redirects} times — "
                         f"{short(passed[0])}", REDIRECTS, url=passed[0])
    return target


def _discard(response: Any) -> None:
    """Done with an answer whose body we do not want: reuse the connection if cheap."""
    try:
        length = int(response.headers.get("content-length", "-1"))
        if 0 <= length <= _DRAIN_BYTES:
            response.read(length, decode_content=False)
            response.release_conn()
        else:
            response.close()
            response.release_conn()
    except Exception:  # a broken redirect body is no reason to fail the redirect
        response.close()


def _read_body(response: Any, url: str, limit: int, deadline: float, budget: float,
               cancel: CancelToken, progress: FetchProgress | None) -> bytes:
    total = _content_length(response)
    coding = response.headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity"):
        decoder = None
    elif coding in ("gzip", "x-gzip", "deflate"):
        decoder = _Inflater(coding)
    else:
        response.close()
        raise FetchError(f"The server sent the page compressed as “{coding}”, which Crosslight "
                         f"cannot read — {short(url)}", PROTOCOL, url=url)
    if total is not None and total > limit:
        response.close()
        raise _too_large(url, limit)
    unregister = cancel.on_cancel(response.shutdown)
    chunks: list[bytes] = []
    size = received = 0
    try:
        if progress is not None:
            progress(0, total)
        while True:
            cancel.check(f"Fetching “{short(url)}”", url)
            if time.monotonic() > deadline:
                raise FetchError(f"The page took longer than {budget:g} s to arrive; stopped "
                                 f"— {short(url)}", TIMEOUT, url=url)
            try:
                data = response.read1(CHUNK, decode_content=False)  # what has arrived
            except Exception as err:
                if cancel.cancelled:
                    raise FetchCancelledError(f"Fetching “{short(url)}” was cancelled.",
                                              url=url) from err
                raise explain(err, url, connect_timeout=0, read_timeout=_read_timeout(response)
                              ) from err
            if not data:
                break
            received += len(data)
            for piece in (decoder.feed(data, limit + 1 - size) if decoder else (data,)):
                size += len(piece)
                if size > limit:
                    raise _too_large(url, limit)
                chunks.append(piece)
            if progress is not None:
                progress(received, total)
        cancel.check(f"Fetching “{short(url)}”", url)  # a shutdown read ends like EOF
        if decoder is not None:
            tail = decoder.finish(url)
            size += len(tail)
            if size > limit:
                raise _too_large(url, limit)
            chunks.append(tail)
    finally:
        unregister()
        response.release_conn()
    return b"".join(chunks)


def _content_length(response: Any) -> int | None:
    try:
        value = int(response.headers.get("content-length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _read_timeout(response: Any) -> float:
    pool = getattr(response, "_pool", None)
    timeout = getattr(pool, "timeout", None)
    value = getattr(timeout, "read_timeout", None)
    return value if isinstance(value, int | float) else 0.0


def _too_large(url: str, limit: int) -> FetchError:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return FetchError(f"The page is larger than {size}, the most Crosslight reads — "
                      f"{short(url)}", TOO_LARGE, url=url)


class _Inflater:
    """gzip or deflate undone chunk by chunk, never producing more than asked for."""

    def __init__(self, coding: str) -> None:
        # gzip: header expected (wbits 31); "deflate" is zlib-wrapped by the standard but
        # raw in some servers: 47 detects gzip or zlib, raw is tried if that fails.
        self._wbits = 31 if coding in ("gzip", "x-gzip") else 47
        self._raw_fallback = coding == "deflate"
        self._z = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> list[bytes]:
        """The output of ``data``, at most ``room`` bytes, in pieces of at most PIECE (so
        zlib's growing buffer never holds much more than the cap in memory)."""
        out: list[bytes] = []
        try:
            piece = self._z.decompress(data, max(1, min(room, PIECE)))
        except zlib.error:
            if self._raw_fallback and not self._started:
                self._z = zlib.decompressobj(-15)
                self._raw_fallback = False
                piece = self._z.decompress(data, max(1, min(room, PIECE)))
            else:
                raise FetchError("The page's compressed data is damaged.", PROTOCOL) from None
        self._started = True
        out.append(piece)
        room -= len(piece)
        while self._z.unconsumed_tail and room > 0:
            piece = self._z.decompress(self._z.unconsumed_tail, min(room, PIECE))
            out.append(piece)
            room -= len(piece)
        return out  # all of ``room`` used with input left: the caller's cap is passed

    def finish(self, url: str) -> bytes:
        try:
            return self._z.flush()
        except zlib.error:
            raise FetchError(f"The page's compressed data is damaged — {short(url)}",
                             PROTOCOL, url=url) from None

"""Turning what went wrong on the network into one sentence with a kind.

urllib3 and the socket layer describe failures for programmers ("[Errno -2] Name or
service not known", "CERTIFICATE_VERIFY_FAILED"); a reader needs to know whether to
check the address, their connection, or try later. The original exception stays
chained for a developer.
"""

from __future__ import annotations

import errno
import socket
import ssl
from urllib.parse import urlsplit

from desktop.storage.web.errors import (
    ADDRESS,
    DNS,
    HTTP_STATUS,
    OFFLINE,
    PROTOCOL,
    PROXY,
    REFUSED,
    TIMEOUT,
    TLS,
    FetchError,
)

_OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}
_REFUSED_ERRNOS = {errno.ECONNREFUSED}
_RESET_ERRNOS = {errno.ECONNRESET, errno.ECONNABORTED, errno.EPIPE}
_DNS_OFFLINE = {getattr(socket, "EAI_AGAIN", -3), getattr(socket, "EAI_FAIL", -4)}

_STATUS = {
    400: "The server rejected the request (400 Bad Request)",
    401: "The page needs a login (401 Unauthorized)",
    402: "The page is behind a paywall (402 Payment Required)",
    403: "The site refuses to serve the page (403 Forbidden): it may need a login or "
    "block automated readers",
    404: "The page was not found (404 Not Found): check the address",
    405: "The server does not serve this address to readers (405 Method Not Allowed)",
    406: "The server has no version of the page Crosslight can read (406 Not Acceptable)",
    408: "The server gave up waiting (408 Request Timeout); try again",
    410: "The page was removed (410 Gone)",
    414: "The address is too long for the server (414 URI Too Long)",
    429: "The site is receiving too many requests (429 Too Many Requests); try again in a "
    "few minutes",
    451: "The page is unavailable for legal reasons (451): it may be blocked where you are",
    500: "The server failed (500 Internal Server Error); try again later",
    502: "The server's gateway failed (502 Bad Gateway); try again later",
    503: "The server is unavailable (503 Service Unavailable); try again later",
    504: "The server's gateway timed out (504 Gateway Timeout); try again later",
}


def status_error(status: int, reason: str, url: str) -> FetchError:
    phrase = _STATUS.get(status)
    if phrase is None:
        label = f"{status} {reason}".strip()
        if 400 <= status < 500:
            phrase = f"The server refused the page ({label})"
        elif status >= 500:
            phrase = f"The server failed ({label}); try again later"
        else:
            phrase = f"The server answered {label}, not the page"
    return FetchError(f"{phrase} — {short(url)}", HTTP_STATUS, url=url, status=status)


def explain(err: BaseException, url: str, *, connect_timeout: float, read_timeout: float,
            proxy: str | None = None) -> FetchError:
    """The FetchError a urllib3 or socket exception raised while fetching ``url`` means."""
    from urllib3 import exceptions as u3

    host = urlsplit(url).hostname or url
    if isinstance(err, u3.MaxRetryError) and err.reason is not None:
        err = err.reason
    if isinstance(err, u3.ProxyError):
        inner = err.original_error if hasattr(err, "original_error") else err
        why = _cause_text(inner)
        which = f"The proxy {proxy}" if proxy else "The proxy"
        return FetchError(f"{which} could not be reached ({why}); check the system's proxy "
                          "settings.", PROXY, url=url)
    if isinstance(err, u3.NameResolutionError | socket.gaierror):
        cause = err if isinstance(err, socket.gaierror) else err.__cause__
        if isinstance(cause, socket.gaierror) and cause.errno in _DNS_OFFLINE:
            return FetchError(f"Could not look up “{host}”: no name server answered. Are you "
                              "offline?", OFFLINE, url=url)
        return FetchError(f"The server “{host}” was not found (DNS): check the address, or "
                          "whether you are online.", DNS, url=url)
    # NewConnectionError is a ConnectTimeoutError too (for compatibility): not a time-out.
    if isinstance(err, u3.ConnectTimeoutError) and not isinstance(err, u3.NewConnectionError):
        return FetchError(f"“{host}” did not answer within {connect_timeout:g} s.", TIMEOUT,
                          url=url)
    if isinstance(err, u3.ReadTimeoutError | TimeoutError | socket.timeout):
        return FetchError(f"“{host}” stopped answering: nothing arrived for {read_timeout:g} s.",
                          TIMEOUT, url=url)
    if isinstance(err, u3.SSLError | ssl.SSLError):
        return _tls_error(err, host, url)
    if isinstance(err, u3.LocationParseError | u3.LocationValueError):
        return FetchError(f"“{short(url)}” is not a valid web address.", ADDRESS, url=url)
    os_error = _os_error(err)
    if os_error is not None:
        if os_error.errno in _OFFLINE_ERRNOS:
            return FetchError(f"You seem to be offline: there is no network route to "
                              f"“{host}”.", OFFLINE, url=url)
        if os_error.errno in _REFUSED_ERRNOS:
            port = urlsplit(url).port or (443 if url.startswith("https:") else 80)
            return FetchError(f"“{host}” refused the connection (nothing answers on port "
                              f"{port}).", REFUSED, url=url)
        if os_error.errno in _RESET_ERRNOS:
            return FetchError(f"The connection to “{host}” was cut before the page arrived.",
                              PROTOCOL, url=url)
    if isinstance(err, u3.ProtocolError | u3.DecodeError | u3.HTTPError):
        return FetchError(f"The connection to “{host}” broke before the page arrived "
                          f"({_cause_text(err)}).", PROTOCOL, url=url)
    if isinstance(err, OSError):
        return FetchError(f"Could not reach “{host}” ({_cause_text(err)}).", OFFLINE, url=url)
    return FetchError(f"Could not fetch “{short(url)}” ({type(err).__name__}: "
                      f"{str(err)[:160]}).", PROTOCOL, url=url)


def _tls_error(err: BaseException, host: str, url: str) -> FetchError:
    cause: BaseException | None = err
    while cause is not None and not isinstance(cause, ssl.SSLCertVerificationError):
        cause = cause.__cause__ or cause.__context__ or (
            cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None)
    if isinstance(cause, ssl.SSLCertVerificationError):
        why = cause.verify_message or cause.reason or "not trusted"
        return FetchError(f"The secure connection to “{host}” failed: its certificate is not "
                          f"trusted ({why}).", TLS, url=url)
    return FetchError(f"The secure connection to “{host}” failed (TLS: {_cause_text(err)}).",
                      TLS, url=url)


def _os_error(err: BaseException) -> OSError | None:
    seen = 0
    current: BaseException | None = err
    while current is not None and seen < 8:
        if isinstance(current, OSError) and current.errno is not None:
            return current
        nxt = current.__cause__ or current.__context__
        if nxt is None and current.args and isinstance(current.args[-1], BaseException):
            nxt = current.args[-1]
        current, seen = nxt, seen + 1
    return None


def _cause_text(err: BaseException) -> str:
    text = str(err.__cause__ or err) or type(err).__name__
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:159] + "…"


def short(url: str, limit: int = 100) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"

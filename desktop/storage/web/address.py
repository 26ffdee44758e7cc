"""What counts as a web address here: http or https, a host, no user name or password.

``file:``, ``data:``, ``ftp:``, ``javascript:`` and every other scheme are refused with
a sentence saying so; the same rule applies to every redirect (``client``). A typed
``example.com/article`` gets ``https://``, as a browser's address bar would. Host names
are lower-cased and IDNA-encoded; spaces and other characters not allowed in a URL are
percent-encoded, so the address sent is the address recorded.

Pure string work (urllib.parse): the command line checks addresses without loading
sockets or TLS.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from desktop.storage.web.errors import ADDRESS, FetchError

WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_HOST = re.compile(r"^(?:[\w-]+\.)+[A-Za-z\u00a1-\uffff]{2,}(?::\d{1,5})?(?:[/?#]|$)")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = _SAFE_PATH + "?"


def is_web_address(text: str) -> bool:
    """True for text that names itself an http(s) address (for routing a command line)."""
    return bool(re.match(r"^\s*https?://", text, re.IGNORECASE))


def parse_address(text: str, *, assume_https: bool = True) -> str:
    """``text`` as a normalised http(s) address; FetchError(kind "address") otherwise."""
    text = text.strip()
    if not text:
        raise FetchError("Type or paste a web address (https://…).", ADDRESS)
    if any(ord(ch) < 32 or ch == "\x7f" for ch in text):
        raise FetchError("The address contains control characters.", ADDRESS)
    if not re.match(r"^https?://", text, re.IGNORECASE):
        if assume_https and _BARE_HOST.match(text):
            text = "https://" + text  # as a browser's address bar reads "example.com/…"
        elif _SCHEME.match(text) is None:
            raise FetchError(f"“{_short(text)}” is not a web address (https://…).", ADDRESS)
    return normalise(text)


def normalise(url: str) -> str:
    """Check and tidy an absolute address (also a redirect's target, once made absolute)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise FetchError(f"“{_short(url)}” is not a valid web address ({err}).",
                         ADDRESS) from None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        raise FetchError(f"Only web addresses (http:// or https://) can be fetched, not "
                         f"“{scheme}:” addresses.", ADDRESS, url=url)
    if parts.username is not None or parts.password is not None:
        raise FetchError("Addresses with a user name or password are not supported.",
                         ADDRESS, url=url)
    host = parts.hostname or ""
    if not host:
        raise FetchError(f"“{_short(url)}” names no host.", ADDRESS, url=url)
    host = _ascii_host(host, url)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and not ((port == 80 and scheme == "http")
                                 or (port == 443 and scheme == "https")):
        netloc += f":{port}"
    path = quote(parts.path, safe=_SAFE_PATH) or "/"
    query = quote(parts.query, safe=_SAFE_QUERY)
    return urlunsplit((scheme, netloc, path, query, ""))  # the fragment is not sent


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def _ascii_host(host: str, url: str) -> str:
    host = host.rstrip(".").lower()
    if host.isascii():
        if not re.fullmatch(r"[a-z0-9.\-_:\[\]]+", host):
            raise FetchError(f"“{_short(url)}” has an invalid host name.", ADDRESS, url=url)
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"“{_short(url)}” has an invalid host name.", ADDRESS,
                         url=url) from None


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Connections: urllib3 pools, the system's proxy settings and the OS certificate store.

Why urllib3 rather than httpx: it is already installed (trafilatura depends on it), so
it adds nothing to the download or the licence review (MIT); it is the HTTP layer under
requests and pip, maintained and audited accordingly; its blocking API streams a body
in chunks we count ourselves (the size cap holds while reading, not after), takes
separate connect and read time-outs, leaves redirects to us (so every hop's scheme is
checked), and ``HTTPResponse.shutdown()`` cuts a read blocked in another thread — which
is how Cancel stops a stalled server at once. httpx would bring httpcore, h11, anyio,
sniffio and certifi for an async API a worker thread does not need.

Certificates: verified against the operating system's store through ``truststore``
(Windows CryptoAPI, macOS Security framework, OpenSSL's system paths on Linux), so a
company's own root CA that IT installed is trusted as the browser trusts it. certifi's
Mozilla bundle would not know such a CA. Without truststore, Python's default context
(the system paths again) is used.

Proxies honoured, as ``urllib.request.getproxies``/``proxy_bypass`` read them: the
``http_proxy``, ``https_proxy`` and ``all_proxy`` variables (either case; ``HTTP_PROXY``
is ignored when ``REQUEST_METHOD`` is set, as CGI demands), ``no_proxy`` for the hosts
to reach directly, and on Windows and macOS the system's proxy configuration when no
variable is set. Proxies given as ``http://`` or ``https://`` (with ``user:password@``
if needed) work; SOCKS proxies, PAC files and WPAD auto-discovery are not supported and
say so. The loopback addresses (localhost, 127.0.0.0/8, ::1) are always reached directly.
"""

from __future__ import annotations

import ipaddress
import ssl
from typing import Any
from urllib.parse import urlsplit

from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import PROXY, FetchError

_POOL_OPTIONS: dict[str, Any] = {"retries": False, "block": False, "maxsize": 2}


def system_tls_context() -> ssl.SSLContext:
    """A client TLS context that trusts what the operating system trusts."""
    try:
        import truststore
    except ImportError:  # pragma: no cover - a dependency; degrade to the system paths
        return ssl.create_default_context()
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def proxy_for(url: str) -> str | None:
    """The proxy the system says to use for ``url``, or None to go direct."""
    from urllib.request import getproxies, proxy_bypass

    parts = urlsplit(url)
    host = parts.hostname or ""
    if is_loopback(host):
        return None
    proxies = getproxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy:
        return None
    if proxy_bypass(host if parts.port is None else f"{host}:{parts.port}"):
        return None
    if "://" not in proxy:
        proxy = "http://" + proxy
    scheme = proxy.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"The system's proxy ({scheme}://…) is of a kind Crosslight does not "
                         "support: set an http:// proxy, or none.", PROXY, url=url)
    return proxy


class Transport:
    """The pools of one piece of work (a fetch and its redirects, a lookup): direct or
    through a proxy, all with the same TLS context. Close it when done."""

    def __init__(self, config: WebConfig, ssl_context: ssl.SSLContext | None = None) -> None:
        import urllib3

        self._urllib3 = urllib3
        self.config = config
        self._ssl_context = ssl_context
        self._direct: dict[str, Any] = {}  # by scheme: plain http needs no TLS context
        self._proxied: dict[str, Any] = {}

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """Made on first use: loading the system's certificates costs a few milliseconds."""
        if self._ssl_context is None:
            self._ssl_context = system_tls_context()
        return self._ssl_context

    def pool_for(self, url: str) -> Any:
        """The urllib3 PoolManager (or ProxyManager) that reaches ``url``."""
        proxy = proxy_for(url) if self.config.use_proxies else None
        if proxy is None:
            scheme = urlsplit(url).scheme
            if scheme not in self._direct:
                options: dict[str, Any] = dict(_POOL_OPTIONS, num_pools=4)
                if scheme == "https":
                    options["ssl_context"] = self.ssl_context
                self._direct[scheme] = self._urllib3.PoolManager(**options)
            return self._direct[scheme]
        if proxy not in self._proxied:
            try:
                self._proxied[proxy] = self._urllib3.ProxyManager(
                    proxy, num_pools=4, ssl_context=self.ssl_context, **_POOL_OPTIONS)
            except Exception as err:  # ProxySchemeUnknown, LocationParseError
                raise FetchError(f"The system's proxy setting “{proxy}” is not usable ({err}).",
                                 PROXY, url=url) from None
        return self._proxied[proxy]

    def proxy_in_use(self, url: str) -> str | None:
        try:
            return proxy_for(url) if self.config.use_proxies else None
        except FetchError:
            return None

    def close(self) -> None:
        for manager in [*self._direct.values(), *self._proxied.values()]:
            manager.clear()
        self._direct, self._proxied = {}, {}

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

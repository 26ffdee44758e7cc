"""Why a fetch failed, in one sentence a reader understands, and a kind code for tests/UI.

Every failure of the web layer is a ``FetchError`` (a ``StorageError``, so the UI shows
it as any other refusal); ``kind`` says which one so the UI may offer the right next
step (try again later, check the address, …) without parsing the sentence.
"""

from __future__ import annotations

from desktop.storage.errors import StorageError
from desktop.storage.formats.base import ImportCancelledError

# The kinds of failure, as ``FetchError.kind``.
ADDRESS = "address"  # not a web address, or a scheme other than http/https
OFFLINE = "offline"  # no network route at all
DNS = "dns"  # the host name does not resolve
REFUSED = "refused"  # nothing listens there / the connection was reset at once
TLS = "tls"  # certificate or handshake failure
TIMEOUT = "timeout"  # connect, read or total time exceeded
PROXY = "proxy"  # the configured proxy failed
PROTOCOL = "protocol"  # the connection broke or the answer was not HTTP
HTTP_STATUS = "status"  # an error status: 404, 451, 500, …
REDIRECTS = "redirects"  # too many, a loop, or to another scheme
TOO_LARGE = "too-large"  # over the document size limit
CONTENT_TYPE = "content-type"  # a type Crosslight does not read (image, video, …)
NOT_ARTICLE = "not-article"  # a page without readable text
UNREADABLE = "unreadable"  # a PDF, Word file… the reader refused (damaged, encrypted)
NOT_FOUND = "not-found"  # a service had no record (DOI, ISBN, no snapshot)
SERVICE = "service"  # a service answered something unusable
CANCELLED = "cancelled"


class FetchError(StorageError):
    """A fetch or a lookup failed; ``str(err)`` is the one-line reason."""

    def __init__(self, message: str, kind: str, *, url: str = "", status: int = 0) -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url
        self.status = status


class FetchCancelledError(FetchError, ImportCancelledError):
    """The user cancelled: not an error to show. Also an ``ImportCancelledError``, so
    code that already treats a cancelled import quietly does the same here."""

    def __init__(self, message: str = "Cancelled.", *, url: str = "") -> None:
        super().__init__(message, CANCELLED, url=url)

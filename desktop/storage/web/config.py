"""How the web layer behaves: limits, time-outs and the addresses of the services it asks.

One frozen value, built from the user's settings (``from_settings``) or by tests with
the services pointed at a server on 127.0.0.1. Every service address is a setting or a
parameter, never a constant buried in code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from desktop import __version__

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # = storage.documents.MAX_DOCUMENT_BYTES
MAX_REDIRECTS = 10

DOI_BASE = "https://doi.org/"
OPENLIBRARY_BASE = "https://openlibrary.org/"
WAYBACK_SAVE = "https://web.archive.org/save/"
WAYBACK_AVAILABLE = "https://archive.org/wayback/available"
KEEP_PAGE_LIMIT = 5 * 1024 * 1024  # pages above this are not kept in the study by default


@dataclass(frozen=True, slots=True)
class WebConfig:
    connect_timeout: float = 15.0  # seconds to establish a connection (per address)
    read_timeout: float = 30.0  # seconds of silence while a server is sending
    total_timeout: float = 180.0  # seconds for one whole fetch, redirects included
    archive_timeout: float = 120.0  # Save Page Now takes its time to capture a page
    max_bytes: int = MAX_DOCUMENT_BYTES  # the document size limit, enforced while reading
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = f"Mozilla/5.0 (compatible; Crosslight/{__version__}; critical reading)"
    doi_base: str = DOI_BASE
    openlibrary_base: str = OPENLIBRARY_BASE
    wayback_save: str = WAYBACK_SAVE
    wayback_available: str = WAYBACK_AVAILABLE
    keep_page: bool = True  # keep the bytes received inside the study (compressed)
    keep_page_limit: int = KEEP_PAGE_LIMIT  # … but not for pages larger than this
    use_proxies: bool = True  # honour the system's proxy settings

    def with_(self, **changes: Any) -> WebConfig:
        return replace(self, **changes)


def from_settings(settings: Any) -> WebConfig:
    """The configuration a user's ``Settings`` ask for (missing or odd values: defaults)."""
    values: dict[str, Any] = {}
    for name in ("doi_base", "openlibrary_base", "wayback_save", "wayback_available"):
        value = getattr(settings, f"web_{name}", None)
        if isinstance(value, str) and value.strip():
            values[name] = value.strip()
    keep = getattr(settings, "web_keep_page", None)
    if isinstance(keep, bool):
        values["keep_page"] = keep
    limit = getattr(settings, "web_keep_page_limit", None)
    if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0:
        values["keep_page_limit"] = limit
    return replace(WebConfig(), **values)

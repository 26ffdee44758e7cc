"""Archiving the proof: the Internet Archive's Wayback Machine.

- ``find_snapshot`` asks the availability API (``archive.org/wayback/available?url=…``,
  optionally ``&timestamp=`` for the copy closest to a moment) for an existing copy;
- ``save_page_now`` asks Save Page Now (``web.archive.org/save/URL``) to capture the page
  and reads where the copy is from the answer: a redirect's ``Location``, else
  ``Content-Location``, else the ``Link`` header's ``rel="memento"`` entry (the Memento
  protocol, RFC 7089) — the three ways it has said so over the years;
- ``archive`` does both in order: an existing copy (captured no earlier than ``since``,
  if given) is reused without asking for a new one.

Service addresses come from ``WebConfig`` (the settings), so tests use a local server.
Anonymous Save Page Now is rate-limited; a refusal says to try later. The archived
copy's address and time go on the reference or document (``ArchivedCopy``) through
``domain.web_commands.SetArchivedCopy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urljoin

from desktop.domain.provenance import ArchivedCopy
from desktop.storage.web.address import parse_address
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.client import FetchProgress, Response, fetch
from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import HTTP_STATUS, SERVICE, FetchError
from desktop.storage.web.failures import short
from desktop.storage.web.transport import Transport

_TIMESTAMP = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/")
_LINK = re.compile(r"<([^>]*)>([^<]*)")
_MAX_SERVICE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Archived:
    copy: ArchivedCopy
    created: bool  # True: Save Page Now made it now; False: an existing copy was found


def archive(
    url: str,
    *,
    config: WebConfig | None = None,
    since: str = "",
    reuse: bool = True,
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
) -> Archived:
    """An archived copy of ``url``: an existing one (captured at or after ``since``, an
    ISO 8601 time or date, when given) or a new one from Save Page Now."""
    config = config or WebConfig()
    own = transport is None
    transport = transport or Transport(config)
    try:
        if reuse:
            found = find_snapshot(url, config=config, near=since, progress=progress,
                                  cancel=cancel, transport=transport)
            if found is not None and (not since or found.captured >= _as_time(since)):
                return Archived(found, created=False)
        made = save_page_now(url, config=config, progress=progress, cancel=cancel,
                             transport=transport)
        return Archived(made, created=True)
    finally:
        if own:
            transport.close()


def find_snapshot(
    url: str,
    *,
    config: WebConfig | None = None,
    near: str = "",
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
) -> ArchivedCopy | None:
    """The archive's copy of ``url`` closest to ``near`` (or its latest), None if none."""
    import orjson

    config = config or WebConfig()
    original = parse_address(url)
    query = f"url={quote(original, safe='')}"
    stamp = _wayback_stamp(near)
    if stamp:
        query += f"&timestamp={stamp}"
    separator = "&" if "?" in config.wayback_available else "?"
    address = f"{config.wayback_available}{separator}{query}"
    response = fetch(address, config=config, accept="application/json", progress=progress,
                     cancel=cancel, transport=transport, max_bytes=_MAX_SERVICE_BYTES)
    try:
        data = orjson.loads(response.body)
    except orjson.JSONDecodeError:
        raise FetchError("The Internet Archive's availability service answered something "
                         "that is not JSON.", SERVICE, url=address) from None
    closest = _get(data, "archived_snapshots", "closest")
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    snapshot = closest.get("url")
    status = str(closest.get("status", "200"))
    if not isinstance(snapshot, str) or not snapshot or not status.startswith(("2", "3")):
        return None
    timestamp = str(closest.get("timestamp", "")) or _stamp_in(snapshot)
    return ArchivedCopy(_tidy(snapshot), _iso(timestamp), original)


def save_page_now(
    url: str,
    *,
    config: WebConfig | None = None,
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
) -> ArchivedCopy:
    """Ask Save Page Now to capture ``url``; the copy it made (FetchError if it did not)."""
    config = config or WebConfig()
    original = parse_address(url)
    address = config.wayback_save + original
    response = fetch(address, config=config, progress=progress, cancel=cancel,
                     transport=transport, follow_redirects=False, raise_for_status=False,
                     max_bytes=_MAX_SERVICE_BYTES, read_timeout=config.archive_timeout,
                     total_timeout=config.archive_timeout + config.connect_timeout)
    if response.status >= 400:
        raise _refused(response, original)
    snapshot = _snapshot_address(response)
    if snapshot is None:
        raise FetchError("The Internet Archive did not say where its copy is "
                         f"({response.status}); try again later — {short(original)}",
                         SERVICE, url=original, status=response.status)
    captured = _stamp_in(snapshot)
    when = _iso(captured) if captured else _memento_time(response) or response.retrieved
    return ArchivedCopy(_tidy(snapshot), when, original)


def _snapshot_address(response: Response) -> str | None:
    base = response.url
    candidates = []
    if 300 <= response.status < 400:
        candidates.append(response.headers.get("location", ""))
    candidates.append(response.headers.get("content-location", ""))
    candidates += [link for link, _ in _mementos(response)][::-1]  # the last is the newest
    for candidate in candidates:
        if candidate and _TIMESTAMP.search(urljoin(base, candidate)):
            return urljoin(base, candidate.strip())
    return None


def _mementos(response: Response) -> list[tuple[str, str]]:
    """(address, datetime) of the Link header's entries whose rel names a memento."""
    found = []
    for target, params in _LINK.findall(response.headers.get("link", "")):
        rel = re.search(r'rel\s*=\s*"([^"]*)"', params)
        if rel and "memento" in rel.group(1).split():
            when = re.search(r'datetime\s*=\s*"([^"]*)"', params)
            found.append((target.strip(), when.group(1) if when else ""))
    return found


def _memento_time(response: Response) -> str:
    for _, when in reversed(_mementos(response)):
        try:
            moment = parsedate_to_datetime(when)
        except (TypeError, ValueError):
            continue
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


def _refused(response: Response, url: str) -> FetchError:
    status = response.status
    if status == 429:
        why = "it is receiving too many requests from you (429); try again in a few minutes"
    elif status in (520, 523, 403) or status >= 500:
        why = (f"it could not capture the page ({status}): the site may refuse it, or the "
               "archive is busy; try again later")
    else:
        why = f"it refused ({status} {response.reason})".rstrip()
    return FetchError(f"The Internet Archive did not save the page: {why} — {short(url)}",
                      HTTP_STATUS, url=url, status=status)


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _stamp_in(address: str) -> str:
    match = _TIMESTAMP.search(address)
    return match.group(1) if match else ""


def _iso(stamp: str) -> str:
    """``20240501103000`` → ``2024-05-01T10:30:00Z``; other text as it is."""
    if re.fullmatch(r"\d{14}", stamp):
        s = stamp
        return f"{s[:4]}-{s[4:6]}-{s[6:8]}T{s[8:10]}:{s[10:12]}:{s[12:14]}Z"
    return stamp


def _as_time(value: str) -> str:
    """An ISO date or time, comparable as text with ``_iso``'s output."""
    return value if "T" in value else f"{value}T00:00:00Z"


def _wayback_stamp(value: str) -> str:
    digits = re.sub(r"\D", "", value)[:14]
    return digits if len(digits) >= 4 else ""


def _tidy(snapshot: str) -> str:
    """The Wayback Machine answers http:// addresses for its own copies; it serves https."""
    if snapshot.startswith("http://web.archive.org/"):
        return "https://" + snapshot[len("http://"):]
    return snapshot

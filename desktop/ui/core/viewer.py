"""Who is looking at the study (Preferences: name, blind reviews), for every view that
shows a verdict (``domain.blind.seen``). Read again only when the settings file changed."""

from __future__ import annotations

from desktop.domain.blind import Viewer

_cache: dict[str, object] = {}


def current_viewer() -> Viewer:
    from desktop.storage.settings import FILE_NAME, config_dir, identity, load_settings

    path = config_dir() / FILE_NAME
    try:
        info = path.stat()
        stamp: object = (str(path), info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = (str(path), None)
    if _cache.get("stamp") != stamp or "value" not in _cache:
        settings = load_settings(path)
        _cache.update(stamp=stamp, value=Viewer(identity(settings), settings.blind_reviews))
    return _cache["value"]  # type: ignore[return-value]

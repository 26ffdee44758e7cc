"""Opening a ZIP container (DOCX, EPUB) without trusting it.

A zip bomb declares or inflates to gigabytes; a name with ``..`` or a leading ``/``
points outside the archive. Entries are read through ``read_member``, which caps what
one entry and the whole archive may inflate to and refuses such names.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from desktop.storage.errors import DocumentError

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all entries together
MAX_RATIO = 200  # inflation ratio of one large entry; text compresses ~10×


class SafeZip:
    def __init__(self, raw: bytes, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as err:
            raise DocumentError(f"“{name}” is not a valid {kind} file (damaged ZIP).") from err
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise self._bomb()
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
                    1, info.compress_size):
                raise self._bomb()
        self.names = {info.filename for info in infos}
        self._read = 0

    def _bomb(self) -> DocumentError:
        return DocumentError(
            f"“{self.name}” would unpack to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB; "
            f"Crosslight does not open it (it may be a zip bomb)."
        )

    def read_member(self, member: str) -> bytes:
        """The bytes of ``member``; DocumentError if missing, unsafe, damaged or too big."""
        if member.startswith("/") or ".." in member.split("/") or "\\" in member:
            raise DocumentError(f"“{self.name}” refers to an unsafe path inside it: {member!r}.")
        if member not in self.names:
            raise DocumentError(f"“{self.name}” is missing {member!r}: the {self.kind} is "
                                "incomplete.")
        try:
            with self.zip.open(member) as handle:
                data = handle.read(MAX_UNCOMPRESSED - self._read + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as err:
            raise DocumentError(f"“{self.name}” is damaged ({member}: {err}).") from err
        self._read += len(data)
        if self._read > MAX_UNCOMPRESSED:
            raise self._bomb()
        return data


def join_href(base_dir: str, href: str) -> str:
    """A path inside the archive for ``href`` relative to ``base_dir`` (no fragment)."""
    from urllib.parse import unquote

    href = unquote(href.split("#", 1)[0])
    return posixpath.normpath(posixpath.join(base_dir, href)) if base_dir else \
        posixpath.normpath(href)

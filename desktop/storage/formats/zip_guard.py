"""Opening a ZIP container (DOCX, EPUB) without trusting it.

A zip bomb declares or inflates to gigabytes; a name with ``..`` or a leading ``/``
points outside the archive. Entries are read through ``read_member``, which caps what
one entry and the whole archive may inflate to and refuses such names.

Budgets, checked on the sizes the archive declares and again while inflating (a
declared size can lie): every entry beyond SMALL_ENTRY may inflate at most MAX_RATIO
times its compressed size, and all of them together at most MAX_UNCOMPRESSED and
TOTAL_RATIO times the archive's own size (at least MIN_TOTAL). 250 chapters of 1 MB
squeezed 1000:1 into 0.66 MB are refused at once instead of parsed for minutes.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from desktop.storage.errors import DocumentError

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all entries together
MAX_RATIO = 200  # inflation ratio of one entry; text compresses ~10×
SMALL_ENTRY = 64 * 1024  # entries up to this size may inflate from anything
TOTAL_RATIO = 100  # everything inflated, over the archive's size
MIN_TOTAL = 32 * 1024 * 1024  # a small archive may still unpack to this much


class SafeZip:
    def __init__(self, raw: bytes, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as err:
            raise DocumentError(f"“{name}” is not a valid {kind} file (damaged ZIP).") from err
        self.budget = min(MAX_UNCOMPRESSED, max(MIN_TOTAL, TOTAL_RATIO * len(raw)))
        total = sum(info.file_size for info in infos)
        if total > self.budget:
            raise self._bomb()
        for info in infos:
            if info.file_size > _entry_limit(info):
                raise self._inflates(info.filename)
        self.infos = {info.filename: info for info in infos}
        self.names = set(self.infos)
        self._read = 0

    def _bomb(self) -> DocumentError:
        return DocumentError(
            f"“{self.name}” would unpack to more than {self.budget // (1024 * 1024)} MB; "
            f"Crosslight does not open it (it may be a zip bomb)."
        )

    def _inflates(self, member: str) -> DocumentError:
        return DocumentError(
            f"“{self.name}” holds an entry that inflates more than {MAX_RATIO} times "
            f"({member[:80]}); Crosslight does not open it (it may be a zip bomb)."
        )

    def read_member(self, member: str) -> bytes:
        """The bytes of ``member``; DocumentError if missing, unsafe, damaged or too big."""
        if member.startswith("/") or ".." in member.split("/") or "\\" in member:
            raise DocumentError(f"“{self.name}” refers to an unsafe path inside it: {member!r}.")
        if member not in self.names:
            raise DocumentError(f"“{self.name}” is missing {member!r}: the {self.kind} is "
                                "incomplete.")
        entry_limit = _entry_limit(self.infos[member])
        left = self.budget - self._read
        try:
            with self.zip.open(member) as handle:
                # One byte beyond either budget is enough to know it is exceeded.
                data = handle.read(min(entry_limit, left) + 1)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as err:
            raise DocumentError(f"“{self.name}” is damaged ({member}: {err}).") from err
        self._read += len(data)
        if len(data) > entry_limit:
            raise self._inflates(member)
        if self._read > self.budget:
            raise self._bomb()
        return data


def _entry_limit(info: zipfile.ZipInfo) -> int:
    """What one entry may inflate to: SMALL_ENTRY, or MAX_RATIO times its compressed
    size (a stored entry inflates 1:1 and always passes)."""
    return max(SMALL_ENTRY, MAX_RATIO * info.compress_size)


def join_href(base_dir: str, href: str) -> str:
    """A path inside the archive for ``href`` relative to ``base_dir`` (no fragment)."""
    from urllib.parse import unquote

    href = unquote(href.split("#", 1)[0])
    return posixpath.normpath(posixpath.join(base_dir, href)) if base_dir else \
        posixpath.normpath(href)

"""References from a BibTeX or CSL-JSON file into the study's library, without duplicates.

A candidate is a duplicate of a reference already in the library (or earlier in the
file) when it has the same web address, the same DOI, or the same title where at least
one of the two has no address: two pages titled “Press briefing” at different
addresses are different sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from desktop.domain.crosscheck_commands import AddReference
from desktop.domain.model import Reference, Study
from desktop.domain.plural import plural
from desktop.storage.importers.bibtex import references_from_bibtex
from desktop.storage.importers.common import ImportFormatError, parse_json, read_text
from desktop.storage.importers.csl_json import references_from_csl
from desktop.storage.importers.progress import Work

BIBTEX_SUFFIXES = {".bib", ".bibtex"}
JSON_SUFFIXES = {".json", ".csljson"}
_DOI = re.compile(r"(?:doi\.org/|^doi:\s*)(10\.\S+)", re.IGNORECASE)


@dataclass
class ReferenceImport:
    references: list[Reference] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # titles of those skipped
    problems: list[str] = field(default_factory=list)  # entries that could not be read

    def commands(self) -> list[AddReference]:
        return [AddReference(r) for r in self.references]

    def summary(self) -> str:
        n = len(self.references)
        lines = [f"Added {plural(n, 'reference')} to the library."]
        if self.duplicates:
            shown = "; ".join(f"“{t}”" for t in self.duplicates[:8])
            more = f"; and {len(self.duplicates) - 8} more" if len(self.duplicates) > 8 else ""
            lines.append(f"Skipped {len(self.duplicates)} already in the library: {shown}{more}.")
        if self.problems:
            shown = "; ".join(self.problems[:5])
            more = f"; and {len(self.problems) - 5} more" if len(self.problems) > 5 else ""
            lines.append(f"Could not read {len(self.problems)}: {shown}{more}.")
        return "\n".join(lines)

    def report(self) -> str:
        """The summary, then every entry skipped and why (for a log or the command line)."""
        lines = [self.summary()]
        if len(self.duplicates) > 8 or len(self.problems) > 5:
            lines.append("In full:")
            lines += [f"- already in the library: “{t}”" for t in self.duplicates]
            lines += [f"- could not read: {p}" for p in self.problems]
        return "\n".join(lines)


def read_references(path: Path, study: Study, work: Work | None = None) -> ReferenceImport:
    """Parse a .bib or CSL-JSON file; ImportFormatError if it holds no reference at all.

    ``work`` reports progress and lets the caller cancel (``ImportCancelledError``).
    """
    path = Path(path)
    text = read_text(path)
    suffix = path.suffix.lower()
    is_json = suffix in JSON_SUFFIXES or (
        suffix not in BIBTEX_SUFFIXES and text.lstrip()[:1] in ("[", "{")
    )
    if is_json:
        candidates, problems = references_from_csl(parse_json(text, path.name), path.name,
                                                   work)
    else:
        candidates, problems = references_from_bibtex(text, work)
    if not candidates and not problems:
        kind = "CSL-JSON items" if is_json else "BibTeX entries"
        raise ImportFormatError(f"“{path.name}” has no {kind}.")
    result = dedupe(candidates, list(study.references.values()))
    result.problems = problems + result.problems
    return result


class SourceIndex:
    """The sources seen so far, looked up by address, DOI and title in constant time:
    ``same_source`` against every one of them, without comparing with each."""

    def __init__(self, references: Iterable[Reference] = ()) -> None:
        self.urls: set[str] = set()
        self.dois: set[str] = set()
        self.titles: set[str] = set()  # of every source
        self.titles_without_url: set[str] = set()
        for reference in references:
            self.add(reference)

    def add(self, reference: Reference) -> None:
        url, title = normal_url(reference.url), normal_title(reference.title)
        if url:
            self.urls.add(url)
        doi = doi_of(reference)
        if doi:
            self.dois.add(doi)
        if title:
            self.titles.add(title)
            if not url:
                self.titles_without_url.add(title)

    def __contains__(self, reference: Reference) -> bool:
        url, title = normal_url(reference.url), normal_title(reference.title)
        if url and url in self.urls:
            return True
        doi = doi_of(reference)
        if doi and doi in self.dois:
            return True
        if not title:
            return False
        return title in (self.titles_without_url if url else self.titles)


def dedupe(candidates: list[Reference], existing: list[Reference]) -> ReferenceImport:
    """The candidates that are new, and the titles of those that repeat a known source
    (``same_source``); linear in the number of candidates and existing references."""
    result = ReferenceImport()
    known = SourceIndex(existing)
    for candidate in candidates:
        if not (candidate.title or candidate.url):
            result.problems.append("an entry with neither title nor address")
        elif candidate in known:
            result.duplicates.append(candidate.display_title)
        else:
            result.references.append(candidate)
            known.add(candidate)
    return result


def same_source(a: Reference, b: Reference) -> bool:
    url_a, url_b = normal_url(a.url), normal_url(b.url)
    if url_a and url_a == url_b:
        return True
    doi_a, doi_b = doi_of(a), doi_of(b)
    if doi_a and doi_a == doi_b:
        return True
    title_a, title_b = normal_title(a.title), normal_title(b.title)
    return bool(title_a) and title_a == title_b and not (url_a and url_b)


def normal_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.netloc.lower().removeprefix("www.")
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{host}{parts.path.rstrip('/')}{query}"


def doi_of(reference: Reference) -> str:
    for text in (reference.url, reference.note):
        match = _DOI.search(text.strip())
        if match:
            return match.group(1).rstrip(".,;").lower()
    return ""


def normal_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())

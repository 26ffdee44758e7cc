"""Command-line subcommands that need no window: ``export``, ``info`` and ``import``.

    crosslight export STUDY --format md|html|w3c|claimreview|csv [-o OUT]
    crosslight info STUDY|URL [--json]    (an address is fetched first: see web_cli)
    crosslight import STUDY FILE [-o OUT]

Never imports Qt, so they run on a server or in CI without a display. Errors are one
line on stderr starting “crosslight: ”, exit status 1 for a file that cannot be read
or written and 2 for a wrong command line; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import orjson

from desktop import __version__
from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.ids import utc_now
from desktop.domain.model import Document, Study
from desktop.domain.plural import plural
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.errors import StorageError
from desktop.storage.exporters import FORMATS, ExportError, ExportOptions, encode, export_text
from desktop.storage.exporters.report_model import safe_url
from desktop.storage.opening import Opened, open_path
from desktop.storage.settings import identity, load_settings
from desktop.storage.web.facts import provenance_info, provenance_lines
from desktop.subcommands import HEADLESS

SUBCOMMANDS = HEADLESS  # what this parser handles; ``crosslight`` dispatches on it


class _Parser(argparse.ArgumentParser):
    """Usage errors as one “crosslight: …” line and status 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"crosslight: {message} (see “{self.prog} --help”)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="crosslight", description="Crosslight without a window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    export = sub.add_parser(
        "export", help="write a report or interchange file",
        description="Write a study as a report (md, html), W3C Web Annotations (w3c), "
        "schema.org ClaimReview (claimreview) or a CSV of its highlights (csv).",
    )
    export.add_argument("study", help="a study file (.crosslight), or a web address to fetch")
    export.add_argument("-f", "--format", required=True, choices=list(FORMATS),
                        help="what to write")
    export.add_argument("-o", "--output", default="-",
                        help="the file to write; '-' or none: standard output")
    export.add_argument("--author", default=None,
                        help="your name, as creator of W3C annotations and ClaimReview "
                        "author (default: Preferences, else your account's full name)")
    export.add_argument("--organisation", default=None,
                        help="your organisation, named with --author")
    export.add_argument("--author-url", default=None,
                        help="your web page or mailto: address, named with --author")
    export.add_argument("--url", default="",
                        help="the page the ClaimReviews will be published on")
    export.add_argument("--generated", default=None, metavar="TIMESTAMP",
                        help="the time stamped on reports (default: now, or "
                        "SOURCE_DATE_EPOCH when set; 'none' to leave it out)")
    info = sub.add_parser("info", help="list documents, count highlights by category and "
                          "verdict", description="List a study's documents with their "
                          "highlight counts, count its highlights by category and verdict, "
                          "and list its orphans.")
    info.add_argument("study", help="a study file (.crosslight), or a web address to fetch")
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    add = sub.add_parser(
        "import", help="add W3C or Hypothesis annotations, or BibTeX or CSL-JSON references",
        description="Add the annotations of a W3C Web Annotation or Hypothesis JSON file "
        "(to the document their targets name, else the current one) or the references of "
        "a BibTeX or CSL-JSON file (to the library) to a study, and save it; the format is "
        "told by the file's content. Prints what was imported and what was not.",
    )
    add.add_argument("study", help="a study file (.crosslight), or a document "
                     "to start a study from (then -o is required)")
    add.add_argument("file", type=Path, help="the file to import")
    add.add_argument("-o", "--output", type=Path, default=None,
                     help="write the study here instead of over STUDY")
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and args.url and safe_url(args.url) is None:
        parser.error(f"--url must be a web address (http or https), not {args.url!r}")
    try:
        opened = _open(args.study)
        if args.command == "export":
            return _export(opened, args)
        if args.command == "import":
            from desktop.headless_import import run_import

            return run_import(opened, args.file, args.output)
        return _info(opened, args.json)
    except StorageError as err:
        return _fail(str(err))
    except BrokenPipeError:
        _silence_stdout()
        return 1


def _open(argument: str) -> Opened:
    """A study file, or (``https://…``) a page fetched into a new study."""
    from desktop.web_cli import fetch_opened, looks_like_address

    return fetch_opened(argument) if looks_like_address(argument) else open_path(Path(argument))


def _fail(message: str) -> int:
    print(f"crosslight: {message}", file=sys.stderr)
    return 1


def _silence_stdout() -> None:
    """The reader went away (``| head``): stop quietly, without a flush error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def generated_time(value: str | None) -> str:
    if value is not None:
        return "" if value.lower() == "none" else value
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
        return moment.isoformat().replace("+00:00", "Z")
    return utc_now()


def export_identity(args: argparse.Namespace) -> Person:
    """Who exports: --author/--organisation/--author-url when any is given, else the
    identity of Preferences (``settings.identity``)."""
    if args.author is None and args.organisation is None and args.author_url is None:
        return identity(load_settings())
    return Person((args.author or "").strip(), (args.organisation or "").strip(),
                  (args.author_url or "").strip())


def _export(opened: Opened, args: argparse.Namespace) -> int:
    if args.output != "-" and opened.study_path is not None and (
        Path(args.output).resolve() == opened.study_path.resolve()
    ):
        return _fail(f"Not writing the export over the study itself (“{args.output}”).")
    person = export_identity(args)
    options = ExportOptions(
        generated=generated_time(args.generated),
        author=person.name,
        review_url=args.url,
        identity=person if person.name or person.url else None,
        require_review_url=True,
    )
    try:
        text = export_text(opened.study, args.format, options)
    except ExportError as err:
        return _fail(str(err))
    if args.output == "-":
        sys.stdout.buffer.write(encode(args.format, text, for_file=False))
        sys.stdout.buffer.flush()
        return 0
    path = Path(args.output)
    try:
        atomic_write_bytes(path, encode(args.format, text))
    except OSError as err:
        return _fail(f"Could not write “{path}”: {err.strerror or err}")
    return 0


def study_info(opened: Opened) -> dict:
    """Counts a person (or a script) wants before opening a study."""
    study = opened.study
    highlights = list(study.highlights.values())
    categories = Counter(h.category_id for h in highlights)
    verdicts = Counter(h.verdict for h in highlights)
    # Counted per document in one pass: a scan of every highlight per document took
    # 30 s for 5,000 documents × 50,000 highlights.
    per_document: Counter[str] = Counter(h.document_id for h in highlights)
    orphaned: Counter[str] = Counter(h.document_id for h in highlights if h.is_orphan)
    return {
        "title": study.title,
        "documents": [_document_info(d, per_document[d.id], orphaned[d.id])
                      for d in study.documents.values()],
        "highlights": len(highlights),
        "categories": {c.name: categories.get(c.id, 0) for c in study.categories},
        "verdicts": {v.value: verdicts.get(v, 0) for v in Verdict},
        "references": len(study.references),
        "links": len(study.links),
        "orphans": [
            {"id": h.id, "quote": h.quote.exact, "document": h.document_id,
             "category": _category_name(study, h.category_id)}
            for h in highlights if h.is_orphan
        ],
    }


def _document_info(document: Document, highlights: int, orphans: int) -> dict:
    return {
        "id": document.id,
        "title": document.title,
        "characters": len(document.text),
        "url": document.url,
        "highlights": highlights,
        "orphans": orphans,
        "versions": len(document.versions),
        **provenance_info(document),  # only for documents fetched from the web
    }


def _category_name(study: Study, category_id: str) -> str:
    category = study.category(category_id)
    return category.name if category else category_id


def _info(opened: Opened, as_json: bool) -> int:
    info = study_info(opened)
    if as_json:
        out = orjson.dumps(info, option=orjson.OPT_INDENT_2) + b"\n"
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
        return 0
    lines = [f"Study: {info['title'] or '(untitled)'}"]
    several = len(info["documents"]) > 1
    if several:
        lines.append(f"Documents: {len(info['documents'])}")
    for d in info["documents"]:
        counts = f"{d['characters']:,} characters, {plural(d['highlights'], 'highlight')}"
        if d["orphans"]:
            counts += f", {d['orphans']} orphaned"
        lines.append(f"{'  ' if several else 'Document: '}{d['title'] or '(untitled)'} "
                     f"({counts})")
        lines += provenance_lines(opened.study.documents[d["id"]], "    " if several else "  ")
    orphans = info["orphans"]
    lines.append(f"Highlights: {info['highlights']}"
                 + (f" ({len(orphans)} orphaned)" if orphans else ""))
    lines.append("By category:")
    width = max((len(name) for name in info["categories"]), default=0)
    lines += [f"  {name:<{width}}  {n}" for name, n in info["categories"].items()]
    lines.append("By verdict:")
    labels = {v.value: f"{v.symbol} {v.label}" for v in Verdict}
    width = max(len(label) for label in labels.values())
    lines += [f"  {labels[v]:<{width}}  {n}" for v, n in info["verdicts"].items()]
    lines.append(f"References: {info['references']}")
    lines.append(f"Links: {info['links']}")
    if orphans:
        lines.append("Orphans (their passage is no longer in the text):")
        titles = {d["id"]: d["title"] or "(untitled)" for d in info["documents"]}
        lines += [f"  - “{_short(o['quote'])}” ({o['category']}"
                  + (f", in {titles[o['document']]})" if several else ")") for o in orphans]
    sys.stdout.buffer.write(("\n".join(lines) + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0



def _short(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"

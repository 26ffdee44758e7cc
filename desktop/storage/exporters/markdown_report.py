"""The study as a Markdown report: document and source, verdicts, then every passage.

Safe in any Markdown renderer because it escapes rather than filters. Text from the
study (titles, quotes, rationales) is escaped so it reads literally. Notes keep their
harmless Markdown (emphasis, headings pushed below the report's own, lists, code), but
every ``<``, ``>`` and ``&`` is written as an entity, and every ``[``, ``]``, ``{``, ``}`` and
backslash is escaped, wherever it stands — in code too, since renderers disagree on what
is code (`` ```x``` `` opens a fence for some and is inline code for others). So no
renderer can make raw HTML, a script, an event handler or attribute, an image, or a
link out of a note. Links come back in one form only: each http(s) address becomes a
plain ``<https://…>`` autolink (a Markdown link ``[words](https://…)`` becomes
``words <https://…>``, an image its alt text and address), links to the report's own
passages (``#passage-3``) stay links, and any other destination keeps only its words.
"""

from __future__ import annotations

import re

from desktop.domain.display_text import study_note_byline
from desktop.domain.model import Study
from desktop.domain.verdicts import history_lines, report_progress_line, verdict_byline
from desktop.storage.exporters.report_model import (
    ExportOptions,
    Passage,
    all_passages,
    checkable_ids,
    citation_lead,
    document_facts,
    one_line,
    safe_url,
    sections,
    shows_verdict,
    verdict_summary,
)
from desktop.storage.web.facts import document_web_facts, reference_archive

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_START = re.compile(r"^(\s*)([+\-=>]|\d+[.)])")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
# What a note may keep as a link, found before anything is escaped:
_WEB = r"https?://[^\s<>\"`\\{}|^\[\]]+"
_MD_LINK = re.compile(  # [words](destination "title"), images too; one level of nesting
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)>?"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?(\S*?)>?(?:[ \t]+.*)?$", re.MULTILINE)
_BARE_URL = re.compile(_WEB)
_ANCHOR = re.compile(r"#[A-Za-z][A-Za-z0-9_-]{0,63}")
_PARKED = re.compile("\ue200(\\d+)\ue200")


def _entities(text: str) -> str:
    return "".join(_ENTITIES.get(ch, ch) for ch in text) if any(
        ch in text for ch in "&<>") else text


def escape(text: str) -> str:
    """One line of literal text, safe inside Markdown (and read literally by it)."""
    return _INLINE_SPECIAL.sub(r"\\\1", _entities(one_line(text)))


def _escape_line(line: str) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", _entities(line))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def blockquote(text: str) -> list[str]:
    return [f"> {_escape_line(line)}".rstrip() for line in text.strip("\n").split("\n")]


def _outside_code(markdown: str, change) -> str:
    """Apply ``change`` to each line outside fenced code blocks and inline code spans."""
    out, fence = [], None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
        elif fence is None:
            parts = _CODE_SPAN.split(line)
            line = "".join(part if i % 2 else change(part) for i, part in enumerate(parts))
        out.append(line)
    return "\n".join(out)


def demote_headings(markdown: str, top: int) -> str:
    """Shift ATX headings so the note's highest one becomes level ``top`` (at most h6)."""
    levels = [len(m.group(2)) for m in map(_ATX.match, _outside_code(markdown, str).split("\n"))
              if m]
    shift = max(0, top - min(levels)) if levels else 0
    return _outside_code(
        markdown, lambda s: _ATX.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + shift),
                                     s)
    ).strip("\n")


def _web(url: str) -> str | None:
    """An http(s) address fit for an autolink, or None."""
    return safe_url(url) if re.fullmatch(_WEB, url) else None


def _trim(url: str) -> tuple[str, str]:
    """A bare address without the punctuation that ends the sentence around it (a
    closing parenthesis only when it has no opening one in the address)."""
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end:
        last = url[end - 1]
        if last in ".,;:!?'\"*_~":
            end -= 1
        elif last == ")" and opened < closed:
            end, closed = end - 1, closed - 1
        else:
            break
    return url[:end], url[end:]


def defang(markdown: str) -> str:
    """A note written so that no Markdown renderer can make active content of it.

    Links and images become their words with their http(s) address as an autolink
    (internal ``#passage`` links stay links); everything else is escaped text.
    """
    parked: list[str] = []

    def park(markup: str) -> str:
        parked.append(markup)
        return f"\ue200{len(parked) - 1}\ue200"

    def link(match: re.Match) -> str:
        image, words, destination = match.groups()
        web = _web(destination)
        if web:
            return (f"{words} " if words.strip() else "") + park(f"<{web}>")
        if not image and _ANCHOR.fullmatch(destination):
            return park(f"[{_escape_note(words or destination)}]({destination})")
        return words  # any other destination: only its words (escaped below)

    def definition(match: re.Match) -> str:
        label, destination = match.groups()
        web = _web(destination)
        return f"{label}: {park(f'<{web}>')}" if web else ""

    def bare(match: re.Match) -> str:
        url, rest = _trim(match.group())
        web = _web(url)
        return (park(f"<{web}>") if web else url) + rest

    text = markdown.replace("\ue200", "")
    text = _DEFINITION.sub(definition, text)
    text = _MD_LINK.sub(link, text)
    text = _BARE_URL.sub(bare, text)
    text = _escape_note(text)
    return _PARKED.sub(lambda m: parked[int(m.group(1))], text)


def _escape_note(text: str) -> str:
    """Entities for ``& < >`` (none survives as markup), backslashes before ``\\ [ ] { }``."""
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    text = re.sub(r"([\\\[\]{}])", r"\\\1", text)
    return text.replace("&gt;", ">")  # blockquotes stay; a ">" cannot open anything


def note_block(markdown: str, top: int) -> str:
    return demote_headings(defang(markdown), top)


def render(study: Study, options: ExportOptions | None = None) -> str:
    options = options or ExportOptions()
    passages = all_passages(study)
    lines = [f"# {escape(study.title or 'Crosslight study')}", ""]
    if options.generated:
        lines += [f"*Report generated by Crosslight on {escape(options.generated)}.*", ""]
    for section in sections(study):
        lines += _document(section.document)
    if study.note.strip():
        lines += ["## Study note", "", f"*{escape(study_note_byline(study))}*", "",
                  note_block(study.note, 3), ""]
    lines += _summary(passages)
    lines += ["## Passages", ""]
    if not passages:
        lines += ["No passages are highlighted.", ""]
    elif len(study.documents) > 1:  # several documents: passages under each one's title
        for section in sections(study):
            lines += [f"### In “{escape(section.document.title or 'Untitled')}”", ""]
            if not section.passages:
                lines += ["No passages are highlighted in this document.", ""]
            for passage in section.passages:
                lines += _passage(passage, level=4)
    else:
        for passage in passages:
            lines += _passage(passage)
    return "\n".join(lines).rstrip("\n") + "\n"


def _document(document) -> list[str]:
    lines = [f"## Document: {escape(document.title or 'Untitled')}", ""]
    for label, value in document_facts(document):
        shown = f"<{value}>" if label == "Web address" and safe_url(value) else escape(value)
        lines.append(f"- **{label}:** {shown}")
    for label, text, link in document_web_facts(document):  # web capture: storage.web.facts
        shown = f"{escape(text)}: <{link}>" if link and safe_url(link) else escape(text)
        lines.append(f"- **{label}:** {shown}")
    lines.append("")
    if document.source.notes.strip():
        lines += ["### Source notes", "", note_block(document.source.notes, 4), ""]
    return lines


def _summary(passages: list[Passage]) -> list[str]:
    lines = ["## Verdicts", ""]
    progress_line = report_progress_line([p.highlight for p in passages],
                                         checkable_ids(passages))
    if progress_line:
        lines += [progress_line, ""]
    lines += ["| Verdict | Count | Passages |", "|---|---:|---|"]
    for verdict, numbers in verdict_summary(passages):
        refs = ", ".join(f"[{n}](#passage-{n})" for n in numbers) or "—"
        lines.append(f"| {verdict.symbol} {escape(verdict.label)} | {len(numbers)} | {refs} |")
    return [*lines, ""]


def _passage(p: Passage, level: int = 3) -> list[str]:
    h = p.highlight
    lines = [f"{'#' * level} {p.title}", ""]
    head = f"**{escape(p.category.name)}**"
    if shows_verdict(p):  # a quote or an opinion is not "Unverified"
        head += f" · {h.verdict.symbol} {escape(h.verdict.label)}"
    lines += [head, ""]
    if h.is_orphan:
        lines += ["*Orphaned: this passage is no longer found in the document.*", ""]
    lines += [*blockquote(h.quote.exact), ""]
    if shows_verdict(p) and (h.verdict.is_checked or h.rationale.strip()):
        why = f" — {escape(h.rationale)}" if h.rationale.strip() else ""
        lines += [f"**Verdict:** {h.verdict.symbol} {escape(h.verdict.label)}{why}", ""]
    if h.reviews:
        lines += [f"*{escape(verdict_byline(h))}*", ""]
        history = history_lines(h)
        if history:
            lines += ["**Verdict history**", "", *(f"- {escape(x)}" for x in history), ""]
    if h.tags:
        lines += ["**Tags:** " + ", ".join(escape(t) for t in h.tags), ""]
    if h.note.strip():
        lines += ["**Note**", "", note_block(h.note, level + 1), ""]
    if p.citations:
        lines += ["**References**", ""]
        for c in p.citations:
            r = c.reference
            lead = f"{escape(citation_lead(r).rstrip('.'))}. " if citation_lead(r) else ""
            title = f"*{escape(r.display_title)}*"
            web = _web(r.url)
            address = f" <{web}>" if web else ""
            archived = reference_archive(r)  # web capture: the archived copy beside the live one
            archived_web = _web(archived[1]) if archived is not None else None
            if archived is not None and archived_web:
                address += f" ({escape(archived[0])}: <{archived_web}>)"
            lines.append(
                f"- {c.stance.symbol} **{escape(c.stance.label)}** — {lead}{title}.{address}")
            if c.comment.strip():
                lines.append(f"  - Comment: {escape(c.comment)}")
            if r.excerpt.strip():
                lines.append(f"  - Excerpt: “{escape(r.excerpt)}”")
            if r.accessed.strip():
                lines.append(f"  - Accessed: {escape(r.accessed)}")
        lines.append("")
    if p.links:
        lines += ["**Links**", ""]
        for link in p.links:
            lines.append(
                f"- {link.arrow} {escape(link.relation.label)}: "
                f"[passage {link.other}](#passage-{link.other}) "
                f"“{escape(one_line(link.other_quote, 80))}”"
            )
        lines.append("")
    return lines


__all__ = ["ExportOptions", "blockquote", "defang", "demote_headings", "escape", "note_block",
           "render"]

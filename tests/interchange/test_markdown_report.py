"""The Markdown report: its outline, document order, escaping and cross-references."""

from __future__ import annotations

import re

from desktop.domain.crosscheck import Verdict
from desktop.storage.exporters.markdown_report import defang, demote_headings, escape, render
from tests.interchange.interchange_study import OPTIONS


def passage_blocks(report: str) -> dict[int, str]:
    parts = re.split(r"^### Passage (\d+)$", report, flags=re.MULTILINE)
    return {int(n): body for n, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_outline_and_document_facts(study):
    report = render(study, OPTIONS)
    headings = re.findall(r"^(#{1,2}) (.*)$", report, flags=re.MULTILINE)
    assert [h for level, h in headings if level == "##"] == [
        "Document: City budget 😀 &lt;report&gt;", "Study note", "Verdicts", "Passages"]
    assert report.startswith("# Budget check «1» \\| \\*draft\\*\n")
    for fact in ("**Web address:** <https://news.example.org/budget?id=7&x=1>",
                 "**Author:** Jane Reporter", "**Published:** 2024-02-03",
                 "**Publisher:** Example News", "**Known stance:** local paper; \\*pro-council\\*",
                 "**Trustworthiness:** High"):
        assert fact in report
    # Note headings sit below the report's own outline.
    assert "\n#### Owner\n" in report and "\n### Question\n" in report


def test_passages_in_document_order_with_orphan_last(study):
    blocks = passage_blocks(render(study, OPTIONS))
    ordered = study.highlights_in_order("d-doc")
    assert len(blocks) == len(ordered) == 8
    for number, h in enumerate(ordered, start=1):
        first_line = h.quote.exact.split("\n")[0]
        assert escape(first_line) in blocks[number]
    assert "*Orphaned: this passage is no longer found in the document.*" in blocks[8]
    assert "Orphaned" not in "".join(blocks[n] for n in range(1, 8))


def test_quote_is_literal_and_verdicts_are_labelled(study):
    blocks = passage_blocks(render(study, OPTIONS))
    assert "> spending \\*rose\\* by 40% in 2023" in blocks[1]
    assert "> Critics say &lt;b&gt;nothing&lt;/b&gt; changed." in blocks[2]
    assert "> changed.\n> The council" in blocks[3]  # a passage over a line break
    assert "**Verdict:** ✘ False — The accounts show 4%." in blocks[1]
    assert "**Verdict:**" not in blocks[2]  # unverified, no rationale: no verdict line


def test_references_and_links(study):
    blocks = passage_blocks(render(study, OPTIONS))
    assert ("- ▼ **contradicts** — City Statistics Office (2024-01-15). *City accounts 2023*. "
            "<https://stats.example.gov/budget-2023>") in blocks[1]
    assert "  - Excerpt: “Spending rose 4%, not 40%.”" in blocks[1]
    assert "*A book with \\*stars\\* and &lt;tags&gt;*" in blocks[1]
    assert "javascript:" not in blocks[1]  # an unsafe address is not shown as a link
    assert "- → same claim: [passage 6](#passage-6)" in blocks[1]
    assert "- ← same claim: [passage 1](#passage-1)" in blocks[6]


def test_verdict_table_counts_every_verdict(study):
    report = render(study, OPTIONS)
    rows = dict(re.findall(r"^\| \S+ (.+?) \| (\d+) \|", report, flags=re.MULTILINE))
    # The unverified quote is not counted: quotes take no verdict (issue #17).
    assert {label: int(n) for label, n in rows.items()} == {
        "Unverified": 2, "Supported": 1, "Disputed": 1, "False": 1, "Misleading": 1,
        "Opinion — not checkable": 1,
    }
    assert sum(h.verdict is Verdict.UNVERIFIED for h in study.highlights.values()) == 3
    assert "Claims checked: 2 of 4." in report


def test_demote_headings_leaves_code_alone():
    md = "# A\n```\n# not a heading\n```\n###### deep\n#hashtag"
    assert demote_headings(md, 3) == "### A\n```\n# not a heading\n```\n###### deep\n#hashtag"
    assert demote_headings("## B\n### C", 4) == "#### B\n##### C"
    assert demote_headings("#### already deep", 3) == "#### already deep"


def test_notes_are_defanged_for_any_renderer():
    note = ("<script>x</script> [ok](https://a.example) [bad](javascript:alert(1)) "
            "![img](file:///etc/passwd) `<kbd>` [top](#passage-1)\n"
            "[ref]: javascript:alert(2)\n[good]: https://b.example\n```\n<b>code</b>\n```")
    out = defang(note)
    assert "&lt;script>x&lt;/script>" in out
    assert "ok <https://a.example>" in out  # a web link: its words and an autolink
    assert "bad" in out and "javascript" not in out
    assert "file:" not in out and "img" in out
    # Code is escaped too: renderers disagree on what is code (see the safety tests).
    assert "`&lt;kbd>`" in out and "&lt;b>code&lt;/b>" in out
    assert "[top](#passage-1)" in out and "good: <https://b.example>" in out


def test_report_carries_no_raw_html_or_script_links(study):
    report = render(study, OPTIONS)
    assert "<script" not in report and "javascript:" not in report
    assert "[bad link](javascript" not in report and "bad link" in report


def test_empty_study_still_reports(study):
    study.highlights.clear()
    study.links.clear()
    assert "No passages are highlighted." in render(study)

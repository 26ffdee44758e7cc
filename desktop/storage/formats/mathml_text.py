"""MathML as one line of text, so a sentence keeps its variables ("if A_ij = 0 …").

Tokens (``mi``, ``mn``, ``mo``, ``mtext``) give their text; layout elements add the
operators a reader would write: ``x^2``, ``a_i``, ``(a)/(b)``, ``√(x)``, ``[A]`` for
``mfenced``. Annotations (TeX and the like) are skipped, the presentation is read. When
the formula has no tokens, its ``alttext`` stands in (unless it only says none exists).
Deeply nested markup is read flat beyond ``MAX_DEPTH`` (no recursion limit to hit).
"""

from __future__ import annotations

from functools import lru_cache

MAX_DEPTH = 60
_TOKENS = {"mi", "mn", "mo", "mtext", "ms", "mspace"}
_SKIPPED = {"annotation", "annotation-xml", "none", "mprescripts", "maligngroup",
            "malignmark"}
_NO_ALTTEXT = ("alternative text not available", "")


def _local(tag: object) -> str:
    return _name(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=256)
def _name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def mathml_text(math) -> str:
    """The linear text of a ``<math>`` element (lxml), or its alttext."""
    text = " ".join(_linear(math, 0).split())
    if text:
        return text
    alt = (math.get("alttext") or "").strip()
    return alt if alt.lower() not in _NO_ALTTEXT else ""


def _linear(element, depth: int) -> str:
    tag = _local(element.tag)
    if tag in _SKIPPED:
        return ""
    if tag in _TOKENS:
        return "".join(element.itertext()).strip()
    if depth > MAX_DEPTH:
        return "".join(element.itertext())
    parts = [_linear(child, depth + 1) for child in element if isinstance(child.tag, str)]
    if tag == "semantics":
        return parts[0] if parts else ""
    if tag in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and parts:
        base = _group(parts[0])
        marks = {"msup": "^", "msub": "_", "msubsup": "_^", "munder": "_", "mover": "^",
                 "munderover": "_^"}[tag]
        scripts = zip(marks, parts[1:], strict=False)
        return base + "".join(mark + _group(part) for mark, part in scripts)
    if tag == "mfrac" and len(parts) == 2:
        return f"{_group(parts[0])}/{_group(parts[1])}"
    if tag == "msqrt":
        return f"√({''.join(parts)})"
    if tag == "mroot" and len(parts) == 2:
        return f"root({parts[1]})({parts[0]})"
    if tag == "mfenced":
        separators = (element.get("separators") or ",").strip()
        joiner = separators[:1] if separators else ""
        return f"{element.get('open', '(')}{joiner.join(parts)}{element.get('close', ')')}"
    if tag == "mtable":
        return "[" + "; ".join(parts) + "]"
    if tag in ("mtr", "mlabeledtr"):
        return ", ".join(parts)
    return "".join(parts)


def _group(text: str) -> str:
    """``ab`` → ``(ab)`` where an operator would otherwise bind to one letter only."""
    text = text.strip()
    short = len(text) <= 1 or (text.isalnum() and len(text) <= 2)
    bracketed = text.startswith(("(", "[", "{")) and text.endswith((")", "]", "}"))
    return text if short or bracketed else f"({text})"

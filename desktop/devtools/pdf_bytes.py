"""The bytes of a small PDF from its objects: the one writer of the cross-reference table
and trailer that the demo, the benchmarks and the test fixtures build their PDFs with."""

from __future__ import annotations

import io


def assemble_pdf(objects: list[bytes], info: str = "") -> bytes:
    """``objects`` numbered from 1 (the first the catalog); ``info`` e.g. `` /Info 9 0 R``."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()

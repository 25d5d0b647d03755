"""The audit anchor a sealed MoU PDF carries: the audit chain's head when it was sealed.

It is printed on the audit certificate page and written to the PDF's Keywords so that a command
can read it back from any company's copy.
"""
from __future__ import annotations

import io
import re

PREFIX = "bontang-audit-anchor"
PATTERN = re.compile(PREFIX + r":(\d+):([0-9a-f]{64})")


def keyword(seq: int, digest: str) -> str:
    return f"{PREFIX}:{seq}:{digest}"


def pdf_anchor(data: bytes) -> tuple[int, str]:
    """(seq, hash) from a sealed PDF's Keywords; ValueError when there is none."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        info = PdfFileReader(io.BytesIO(data)).trailer["/Info"]
        keywords = str(info.get("/Keywords", ""))
    except Exception as error:
        raise ValueError(f"not a readable PDF: {error}") from error
    match = PATTERN.search(keywords)
    if not match:
        raise ValueError("this PDF carries no audit anchor")
    return int(match.group(1)), match.group(2)

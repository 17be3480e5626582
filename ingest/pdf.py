"""PDF to text through pypdf, one form feed between pages, as pdftotext writes it."""
from __future__ import annotations

import io
import logging

from .errors import NoTextLayer, UnreadablePDF


def pdf_text(data: bytes, name: str = "input.pdf") -> str:
    """Extract the text layer of a PDF, pages separated by form feeds."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd font
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadablePDF(f"{name}: not a readable PDF ({exc})") from None
    if not pages:
        raise UnreadablePDF(f"{name}: the PDF has no pages")
    if sum(len(p.strip()) for p in pages) < 20 * max(1, len(pages) // 10):
        raise NoTextLayer(f"{name}: the PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf")
    return "\f".join(pages)

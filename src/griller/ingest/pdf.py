"""PDF text: pypdfium2 reads the words (with their positions), pypdf checks encryption and metadata.

Why two libraries: on real LaTeX résumés pypdf's ``extract_text()`` runs words together
("infrastructureoperations,andsecurityengineering") while pdfium keeps them apart, but pdfium in
turn misses some kerned spaces ("forthe"). So we rebuild each line from pdfium's character
boxes: a gap wider than a tenth of the line height is a space, a gap of more than 1.5 line heights
is a column or tab stop (kept as ``\\t`` so the parser can split "Company<TAB>City"). If pdfium's
words still look implausible (average word length), pypdf's text is tried and the better one kept.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from griller.ingest.errors import IngestError

SPACE_GAP = 0.1  # of the line height: kerning stays well under it, a real space is about 0.2-0.3
TAB_GAP = 1.5  # of the line height: wider gaps separate right-aligned fields or columns
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class PdfText:
    pages: list[str]
    extractor: str
    title: str = ""
    warnings: list[str] = field(default_factory=list)


def read_pdf(data: bytes, name: str) -> PdfText:
    """Text of every page; raises IngestError with one line for encrypted, image-only or broken PDFs."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(f"{name}: not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(f"{name}: corrupt or truncated PDF (no end-of-file marker); re-export it")
    title = _metadata_title(data, name)
    pages = _pdfium_pages(data, name)
    if not any(page.strip() for page in pages):
        raise IngestError(f"{name}: no text layer (OCR is not supported); export a PDF with real text")
    result = PdfText(pages=pages, extractor="pypdfium2", title=title)
    if not plausible(pages):
        other = _pypdf_pages(data)
        if other and _word_score(other) > _word_score(pages):
            result = PdfText(pages=other, extractor="pypdf", title=title)
            result.warnings.append(f"{name}: pdfium's text looked run-together; used pypdf's instead")
    if not plausible(result.pages):
        result.warnings.append(f"{name}: extracted words look run-together; check the parsed profile")
    return result


def plausible(pages: list[str]) -> bool:
    """English words average about five letters; run-together extraction pushes that far up."""
    return _word_score(pages) >= 0.9


def _word_score(pages: list[str]) -> float:
    words = [w for page in pages for w in _WORD.findall(page)]
    if not words:
        return 0.0
    mean = sum(len(w) for w in words) / len(words)
    too_long = sum(len(w) > 20 for w in words) / len(words)
    return 1.0 - max(0.0, (mean - 7.0) / 7.0) - 5 * too_long


def _metadata_title(data: bytes, name: str) -> str:
    """pypdf: is it encrypted (and is the user password empty)? And the document title, if any."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise IngestError(
                        f"{name}: encrypted PDF that needs a password; save an unprotected copy and ingest that"
                    )
            except (DependencyError, NotImplementedError):
                return ""  # an AES file pypdf cannot decrypt here: pdfium tries the empty password itself
        meta = reader.metadata
        return str(meta.title or "").strip() if meta else ""
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return ""  # pypdf only reads metadata here; whether the file is readable is pdfium's call


def _pdfium_pages(data: bytes, name: str) -> list[str]:
    import pypdfium2 as pdfium

    try:
        # password=None makes pdfium try the empty user password, like a viewer does.
        document = pdfium.PdfDocument(data, password=None)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError(f"{name}: encrypted PDF that needs a password; save an unprotected copy") from None
        raise IngestError(f"{name}: corrupt PDF ({_one_line(exc)})") from None
    try:
        return [_page_text(document[i]) for i in range(len(document))]
    except pdfium.PdfiumError as exc:
        raise IngestError(f"{name}: corrupt PDF ({_one_line(exc)})") from None
    finally:
        document.close()


def _page_text(page: object) -> str:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        count = textpage.count_chars()
        if count <= 0:
            return ""
        text = textpage.get_text_range(0, count)
        boxes = [_box(textpage, i) for i in range(count)]
    finally:
        textpage.close()
    width = float(page.get_width())  # type: ignore[attr-defined]
    return "\n".join(_columns(_rebuild_lines(text, boxes), width))


def _box(textpage: object, index: int) -> tuple[float, float, float, float] | None:
    try:
        return textpage.get_charbox(index, loose=True)  # type: ignore[attr-defined, no-any-return]
    except Exception:  # generated characters (line breaks) may have no box
        return None


Segment = tuple[float, str]  # x of the first character, text


def _rebuild_lines(text: str, boxes: list[tuple[float, float, float, float] | None]) -> list[list[Segment]]:
    """Lines as segments split at wide gaps, with spaces put back where pdfium dropped them."""
    lines: list[list[Segment]] = []
    segments: list[Segment] = []
    current: list[str] = []
    start_x = 0.0
    ink_right: float | None = None  # right edge of the last visible character on this line

    def close_segment() -> None:
        piece = "".join(current).strip()
        if piece:
            segments.append((start_x, piece))
        current.clear()

    def close_line() -> None:
        nonlocal segments, ink_right
        close_segment()
        if segments:
            lines.append(segments)
        segments, ink_right = [], None

    for char, box in zip(text, boxes, strict=False):
        if char in "\r\n":
            close_line()
            continue
        if char.isspace() or box is None:
            if current and not current[-1].isspace():
                current.append(" ")
            continue
        left, bottom, right, top = box
        height = max(top - bottom, 1e-6)
        if ink_right is not None:
            gap = left - ink_right
            if gap < -2 * height:  # jumped back to the left margin without a line break
                close_line()
            elif gap > TAB_GAP * height:
                close_segment()
            elif gap > SPACE_GAP * height and current and not current[-1].isspace():
                current.append(" ")
        if not current:
            start_x = left
        current.append(char)
        ink_right = right
    close_line()
    return lines


def _columns(lines: list[list[Segment]], width: float) -> list[str]:
    """Read a two-column page column by column when its lines share a gutter.

    Evidence for a gutter: many lines (a third or more) have a segment starting at the same x,
    in the middle half of the page, and those segments read as prose rather than short
    right-aligned fields (dates, cities), which also start mid-line but at varying places.
    """
    flat = ["\t".join(text for _, text in line) for line in lines]
    starts = [round(x / 4) for line in lines for x, _ in line[1:] if 0.2 * width < x < 0.8 * width]
    if not starts:
        return flat
    from collections import Counter

    bucket, count = Counter(starts).most_common(1)[0]
    split = bucket * 4 - 4
    right = [text for line in lines for x, text in line[1:] if round(x / 4) == bucket]
    if count < max(4, len(lines) // 3) or sum(len(t) for t in right) / len(right) < 18:
        return flat
    left_col, right_col = [], []
    for line in lines:
        left = [text for x, text in line if x < split]
        rest = [text for x, text in line if x >= split]
        if left:
            left_col.append("\t".join(left))
        if rest:
            right_col.append("\t".join(rest))
    return left_col + right_col


def _pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        return [page.extract_text() or "" for page in reader.pages]
    except Exception:  # pypdf is only the second opinion; pdfium's text stands if it fails
        return []


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__

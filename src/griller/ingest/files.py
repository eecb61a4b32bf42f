"""Reading a document file safely: size limits, binary detection, format, and text decoding.

Every refusal is an ``IngestError`` with one line that names the file. Text that is not UTF-8
is decoded anyway (UTF-16 with a BOM, else Windows-1252, else Latin-1) with a warning, because
a résumé saved by an old editor is still a résumé.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from griller.ingest.errors import IngestError

MAX_BYTES = 10 * 1024 * 1024
Format = Literal["pdf", "markdown", "text", "json"]
_TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".pdf": "pdf",
    "": "text",
}
_UNSUPPORTED = {
    ".docx": "Word",
    ".doc": "Word",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
    ".pages": "Pages",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".html": "HTML",
    ".htm": "HTML",
}
_MAGIC = {
    b"PK\x03\x04": "a zip archive (a .docx?)",
    b"\x7fELF": "a program",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3": "a SQLite database",
}


@dataclass
class Source:
    path: Path
    name: str
    data: bytes
    sha256: str
    format: Format
    warnings: list[str] = field(default_factory=list)


def read_source(path: Path) -> Source:
    name = str(path)
    if not path.exists():
        raise IngestError(f"{name}: no such file")
    if path.is_dir():
        raise IngestError(f"{name}: is a directory; name the files to ingest")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"{name}: {size / 1024 / 1024:.1f} MB is over the {MAX_BYTES // 1024 // 1024} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(f"{name}: empty file")
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise IngestError(f"{name}: {_UNSUPPORTED[suffix]} files are not supported; export a PDF, Markdown or text")
    fmt: Format = "pdf" if data[:1024].lstrip().startswith(b"%PDF-") else _TEXT_SUFFIXES.get(suffix, "text")  # type: ignore[assignment]
    if fmt == "pdf" and suffix != ".pdf" and b"%PDF-" not in data[:1024]:
        fmt = "text"
    if fmt != "pdf":
        _refuse_binary(name, data)
    return Source(path=path, name=name, data=data, sha256=hashlib.sha256(data).hexdigest(), format=fmt)


def _refuse_binary(name: str, data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"{name}: binary file ({what}), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a BOM has NUL bytes but is text
    head = data[:65536]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) * 0.02:
        raise IngestError(f"{name}: binary data, not text (control bytes found); is it really a text file?")


def decode(source: Source) -> str:
    """The text of a non-PDF source; adds a warning when it was not UTF-8."""
    data = source.data
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        source.warnings.append(
            f"{source.name}: not UTF-8 (bad byte at offset {where}); decoded as {encoding} — check accents"
        )
        return text
    raise IngestError(f"{source.name}: cannot decode the text")  # unreachable: latin-1 decodes anything

"""The one error type of ingest: a document that cannot be read, with a one-line reason."""

from __future__ import annotations


class IngestError(ValueError):
    """A file cannot be ingested. The message is one line and names the file."""

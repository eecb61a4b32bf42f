"""Ingest adapters: reading résumés and job descriptions (PDF, Markdown, text, JSON Resume).

pypdf and pypdfium2 are imported inside the functions that need them.
"""

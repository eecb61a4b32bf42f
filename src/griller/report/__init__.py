"""Rendering results for people: terminal tables and panels, Markdown reports."""

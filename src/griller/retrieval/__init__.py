"""Retrieval adapters: the offline embedder, the Chroma vector index, and rank fusion.

Nothing here is imported at CLI start-up; chromadb, numpy and tokenizers load on first use.
"""

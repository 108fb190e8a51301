"""Extraction: documents in, events out (see pipeline.py for the stages)."""

"""Corridor: source-linked investment intelligence for the Pakistan-US corridor."""

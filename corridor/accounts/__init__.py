"""Accounts: users, organisations and their roles, sessions, API tokens, and the audit trail.

The library half (no web): the web app's cookies, CSRF and route rules live in corridor/web/auth.py.
"""

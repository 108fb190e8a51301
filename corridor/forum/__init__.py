"""The Trade and Investment Forum: participants, meeting requests, matchmaking and the scheduler.

Left to right: ``importer`` (CSV/xlsx sheets → store) → ``matching`` (suggestions) →
``scheduler`` (accepted requests → slots and tables) → ``views`` / ``exporter`` / ``ics``
(agendas, table sheets, dashboard, CSV). ``service`` holds the operations the CLI and the web
app share. The scheduler's parts: ``problem`` (compile), ``state`` (bitmask schedule),
``heuristic`` and ``compact`` (no solver), ``cpsat`` (exact models), ``bounds`` (the proven upper
bound), ``tables`` (seating). ``domain`` is the plain data they all share.
"""

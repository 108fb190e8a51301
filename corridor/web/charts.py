"""Charts as numbers for SVG: bar lists, a weekly timeline, a heat map, a month calendar.

Each function lays a chart out (positions and sizes in pixels of a viewBox) and returns plain data;
templates/_charts.html draws it with classes from corridor.css (the CSP allows no inline styles)."""

import calendar
from datetime import date, timedelta
from typing import Any

from corridor.web.geo import level

BAR_ROW = 22  # pixels per bar in a horizontal bar chart


def bars(items: list[tuple[str, int, str]], width: int = 360, label_width: int = 140) -> dict[str, Any]:
    """Horizontal bars: (label, value, link) each, longest first as given."""
    top = max((v for _, v, _ in items), default=0) or 1
    room = width - label_width - 40
    rows = [{"label": name, "value": value, "href": href, "y": i * BAR_ROW, "x": label_width,
             "w": round(room * value / top, 1)} for i, (name, value, href) in enumerate(items)]
    return {"rows": rows, "width": width, "height": max(len(rows), 1) * BAR_ROW, "label_width": label_width}


def timeline(weeks: list[dict[str, Any]], width: int = 760, height: int = 180) -> dict[str, Any]:
    """Stacked columns per week (attacks below, other events above), with month ticks and a y scale."""
    left, bottom, top_pad = 34, 22, 8
    plot_w, plot_h = width - left - 6, height - bottom - top_pad
    top = max((w["attacks"] + w["other"] for w in weeks), default=0) or 1
    step = plot_w / max(len(weeks), 1)
    bar_w = max(step - 1, 1)
    columns, ticks = [], []
    previous_month = None
    for i, w in enumerate(weeks):
        x = round(left + i * step, 1)
        h_attacks = round(plot_h * w["attacks"] / top, 1)
        h_other = round(plot_h * w["other"] / top, 1)
        base = top_pad + plot_h
        week_end = (date.fromisoformat(w["week"]) + timedelta(days=6)).isoformat()
        columns.append({**w, "week_end": week_end, "x": x, "w": round(bar_w, 1), "y_attacks": round(base - h_attacks, 1),
                        "h_attacks": h_attacks, "y_other": round(base - h_attacks - h_other, 1),
                        "h_other": h_other, "total": w["attacks"] + w["other"]})
        month = w["week"][:7]
        if month != previous_month:
            previous_month = month
            ticks.append({"x": x, "month": month})
    # Keep at most about eight month labels so they never overlap.
    every = max(1, -(-len(ticks) // 8))
    ticks = [t for i, t in enumerate(ticks) if i % every == 0]
    grid = [{"y": round(top_pad + plot_h - plot_h * v / top, 1), "value": v} for v in _nice_steps(top)]
    return {"columns": columns, "ticks": ticks, "grid": grid, "width": width, "height": height, "left": left,
            "base": top_pad + plot_h, "top": top}


def _nice_steps(top: int) -> list[int]:
    step = max(1, round(top / 3))
    magnitude = 10 ** (len(str(step)) - 1)
    step = max(1, round(step / magnitude) * magnitude)
    return list(range(0, top + 1, step))


def heatmap(data: dict[str, Any], width: int = 760, label_width: int = 110) -> dict[str, Any]:
    """Sector rows × month columns, each cell classed h0..h5 by its count."""
    months, rows = data["months"], data["rows"]
    cell_w = (width - label_width) / max(len(months), 1)
    cell_h = 22
    top = max((n for r in rows for n in r["counts"]), default=0)
    cells, labels = [], []
    for j, row in enumerate(rows):
        labels.append({"label": row["sector"], "y": 18 + j * cell_h})
        for i, (month, n) in enumerate(zip(months, row["counts"], strict=True)):
            cells.append({"x": round(label_width + i * cell_w, 1), "y": 18 + j * cell_h - 15, "w": round(cell_w - 1, 1),
                          "h": cell_h - 2, "level": level(n, top), "count": n, "month": month,
                          "sector": row["sector"], "from": f"{month}-01", "to": _month_end(month)})
    every = max(1, -(-len(months) // 12))
    columns = [{"x": round(label_width + i * cell_w, 1), "month": m} for i, m in enumerate(months) if i % every == 0]
    return {"cells": cells, "labels": labels, "columns": columns, "width": width,
            "height": 18 + len(rows) * cell_h + 4, "label_width": label_width, "top": top}


def _month_end(month: str) -> str:
    year, m = int(month[:4]), int(month[5:7])
    return date(year, m, calendar.monthrange(year, m)[1]).isoformat()


def month_calendar(year: int, month: int, events: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """A month as weeks of days (Monday first); each day lists the events dated on it."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e.get("date_precision") == "day" and e["date"][:7] == f"{year:04d}-{month:02d}":
            by_day.setdefault(e["date"], []).append(e)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"day": d.day, "date": d.isoformat(), "in_month": d.month == month, "today": d == today,
                       "events": by_day.get(d.isoformat(), []) if d.month == month else []} for d in week])
    return {"year": year, "month": month, "key": f"{year:04d}-{month:02d}", "weeks": weeks}


def strip(events: list[dict[str, Any]], kinds: tuple[str, ...], width: int = 760) -> dict[str, Any]:
    """Events as dots on a time axis, one row per kind: an actor's timeline."""
    dated = [(date.fromisoformat(_first_day(e["date"])), e) for e in events if e.get("date")]
    if not dated:
        return {"dots": [], "rows": [], "ticks": [], "width": width, "height": 0}
    left, right = 130, 12
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    if (last - first).days < 60:  # a few events close together: show them in a two-month window
        first, last = first - timedelta(days=30), last + timedelta(days=30)
    span = (last - first).days or 1
    present = [k for k in kinds if any(e["kind"] == k for _, e in dated)]
    row_of = {k: i for i, k in enumerate(present)}
    dots = [{"x": round(left + (width - left - right) * (d - first).days / span, 1), "y": 14 + row_of[e["kind"]] * 22,
             "id": e["id"], "kind": e["kind"], "date": e["date"], "summary": e["summary"]} for d, e in dated]
    ticks, year = [], first.year
    step = 1 if span < 4 * 365 else 2
    while year <= last.year:
        tick = date(year, 1, 1)
        if first <= tick <= last:
            ticks.append({"x": round(left + (width - left - right) * (tick - first).days / span, 1), "label": str(year)})
        year += step
    if span < 400:  # under about a year: label months instead
        ticks, month = [], date(first.year, first.month, 1)
        while month <= last:
            if month >= first:
                ticks.append({"x": round(left + (width - left - right) * (month - first).days / span, 1),
                              "label": month.strftime("%b %y")})
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        ticks = ticks[:: max(1, -(-len(ticks) // 8))]
    height = 14 + len(present) * 22 + 16
    return {"dots": dots, "rows": [{"kind": k, "y": 14 + i * 22} for i, k in enumerate(present)], "ticks": ticks,
            "width": width, "height": height, "left": left, "axis": height - 16}


def _first_day(value: str) -> str:
    return value if len(value) == 10 else (value + "-01" if len(value) == 7 else value + "-01-01")

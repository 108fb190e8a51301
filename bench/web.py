"""Web benchmark: 100,000 generated events in SQLite, 32 concurrent clients for 30 seconds.

    python bench/web.py             # 100,000 events, 30 s
    python bench/web.py --quick     # 10,000 events, 5 s (a smoke run)
    python bench/web.py --events 50000 --seconds 20 --clients 16 --workers 2 --keep /tmp/web-bench.db

Generates a fresh SQLite store (rows written directly with SQLAlchemy core bulk inserts, after the
migrations, so the full-text triggers index them), serves it with `corridor serve --workers 2` on
127.0.0.1, and drives four endpoints from closed-loop clients (each sends its next request when the
last one answered): the events list, a filtered list, an event page and search. Prints requests per
second and the p50/p95/p99 latency of each endpoint. The goal is a p95 under 100 ms for each.

Distributions: kinds and sectors in the proportions of the demo corpus; places drawn from the
gazetteer weighted by population, attacks concentrated in Balochistan and Khyber Pakhtunkhwa;
dates over 2019-2026, denser in recent years, a few undated or month-only; participants from 3,000
actors with a Zipf-like popularity; five events per document.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corridor.store import fts  # noqa: E402
from corridor.store.db import get_engine  # noqa: E402
from corridor.store.migrate import upgrade  # noqa: E402
from corridor.store.models import (  # noqa: E402
    ActorAliasRow,
    ActorRow,
    ActorTitleRow,
    DocumentRow,
    EventCountryRow,
    EventRow,
    EventSectorRow,
    EventSourceRow,
    ParticipantRow,
    PlaceRow,
    sector_mask,
)

KINDS = {"meeting": 19, "investment_interest": 18, "agreement": 12, "scheduled_event": 9, "investment": 8,
         "attack": 18, "condemnation": 7, "assurance": 7, "other": 2}
PLOVER = {"meeting": "CONSULT", "investment_interest": "COOPERATE", "agreement": "AGREE", "scheduled_event": "AGREE",
          "investment": "COOPERATE", "attack": "ASSAULT", "condemnation": "ACCUSE", "assurance": "SUPPORT",
          "other": "REQUEST"}
SECTORS = {"energy": 20, "mining": 18, "it": 15, "agriculture": 8, "infrastructure": 10, "manufacturing": 6,
           "finance": 8, "health": 3, "education": 3, "defence": 4, "trade": 9}
TITLES = ("Minister", "Federal Minister for Finance", "Ambassador", "Chief Executive", "Secretary", "Governor",
          "Chairman", "Director", "Senator", "Consul General", "Special Assistant", "Chief Minister")
FIRST = ("Ayesha", "Bilal", "Farah", "Hamza", "Imran", "Javeria", "Kamran", "Laila", "Nadia", "Omar", "Saad", "Zara",
         "Adam", "Beth", "Carl", "Dana", "Ethan", "Grace", "Henry", "Irene", "Jack", "Karen", "Liam", "Megan")
LAST = ("Qureshi", "Malik", "Chaudhry", "Siddiqui", "Butt", "Rana", "Khan", "Baloch", "Abbasi", "Hartwell", "Dorsey",
        "Whitcomb", "Paxton", "Renfrow", "Kettleby", "Grinstead", "Linwood", "Marsh", "Pell", "Weymouth")
ORGS = ("Ministry of Finance", "Board of Investment", "US Department of State", "US Chamber of Commerce",
        "Special Investment Facilitation Council", "Oil and Gas Development Company", "Ridgeline Minerals",
        "Prairie Power", "Sentinel Data", "Harrowgate Solar", "US Development Finance Corporation", "USAID",
        "Pakistan Software Export Board", "Sindh Board of Investment", "Balochistan Mines Department")
VERBS = {"meeting": "met", "investment_interest": "expressed interest in investing in", "agreement": "signed an agreement on",
         "scheduled_event": "will attend a forum on", "investment": "announced an investment in",
         "attack": "was targeted in an attack near", "condemnation": "condemned the violence in",
         "assurance": "assured support for", "other": "discussed"}
FILLER = ("Officials said the talks covered the regulatory framework and the timeline for approvals.",
          "The statement added that both sides would meet again before the end of the quarter.",
          "Analysts noted that the announcement followed months of negotiations in Islamabad and Washington.",
          "Security was tightened across the province after the incident, police said.",
          "The company said feasibility studies would be completed within eighteen months.")


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _places() -> list[dict]:
    with open(ROOT / "corridor" / "extract" / "data" / "places.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] in {"city", "district", "town", "site", "province"}]
    return [{"id": f"{r['country']}:{r['name']}", "name": r["name"], "kind": r["kind"], "admin1": r["admin1"],
             "country": r["country"], "lat": float(r["lat"]), "lon": float(r["lon"]),
             "weight": max(float(r["population"] or 0), 20000.0) ** 0.5} for r in rows]


def _date(rng: random.Random) -> tuple[str | None, str | None, date | None]:
    if rng.random() < 0.02:
        return None, None, None
    # Denser in recent years: the square root pulls draws towards the end of the range.
    start, span = date(2019, 1, 1), (date(2026, 12, 31) - date(2019, 1, 1)).days
    day = start + timedelta(days=int(span * rng.random() ** 0.5))
    if rng.random() < 0.05:
        return day.strftime("%Y-%m"), "month", day.replace(day=1)
    return day.isoformat(), "day", day


def generate(path: Path, n_events: int, seed: int = 7) -> None:
    """A fresh SQLite store at `path` with `n_events` events, their documents, actors and places."""
    rng = random.Random(seed)
    url = f"sqlite:///{path}"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    upgrade(url)
    places = _places()
    pak = [p for p in places if p["country"] == "PAK"]
    usa = [p for p in places if p["country"] == "USA"]
    hot = [p for p in pak if p["admin1"] in {"Balochistan", "Khyber Pakhtunkhwa"}]

    actors, aliases, titles = [], [], []
    for i in range(3000):
        person = rng.random() < 0.7
        country = "PAK" if rng.random() < 0.6 else "USA"
        name = (f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}" if person else f"{rng.choice(ORGS)} {i}")
        actor_id = f"{'person' if person else 'org'}:{name}"
        actors.append({"id": actor_id, "kind": "person" if person else "organisation", "name": name,
                       "country": country, "known": rng.random() < 0.3})
        aliases.append({"actor_id": actor_id, "alias": name})
        if person:
            first = date(2019, 1, 1) + timedelta(days=rng.randrange(2000))
            titles.append({"actor_id": actor_id, "title": rng.choice(TITLES), "org": rng.choice(ORGS),
                           "first_seen": first, "last_seen": first + timedelta(days=rng.randrange(900))})
    popularity = [1 / (k + 1) ** 0.9 for k in range(len(actors))]

    events, countries, sectors, participants, sources, documents = [], [], [], [], [], []
    n_docs = max(1, n_events // 5)
    for d in range(n_docs):
        doc_id = f"doc_{d:016x}"
        published = date(2019, 1, 1) + timedelta(days=rng.randrange(2900))
        parts, offset = [f"title: Corridor report {d}\ndate: {published.isoformat()}\n\n"], 0
        offset = len(parts[0])
        for e in range(5):
            kind = _weighted(rng, KINDS)
            place = rng.choice(hot) if kind == "attack" and rng.random() < 0.8 else (
                rng.choices(pak if rng.random() < 0.85 else usa, k=1)[0])
            who = rng.choices(range(len(actors)), weights=popularity, k=rng.randint(1, 3))
            sector_set = sorted({_weighted(rng, SECTORS) for _ in range(rng.choice((0, 1, 1, 2)))})
            names = " and ".join(actors[w]["name"] for w in who)
            quote = (f"{names} {VERBS[kind]} {' and '.join(sector_set) or 'cooperation'} in {place['name']} "
                     f"on {published:%d %B %Y}.")
            event_id = f"ev_{d:011x}{e:05x}"
            text_date, precision, day = _date(rng)
            events.append({
                "id": event_id, "kind": kind, "plover_type": PLOVER[kind], "plover_mode": None,
                "plover_context": ["terrorism"] if kind == "attack" else ["economic"], "date": text_date,
                "date_precision": precision, "day": day, "place_id": place["id"],
                "summary": quote[:200], "confidence": round(rng.uniform(0.5, 0.99), 2), "name": None,
                "amount_value": None, "amount_currency": None, "amount_text": None,
                "sector_bits": sector_mask(sector_set),
            })
            codes = ["PAK", "USA"] if rng.random() < 0.6 else [place["country"]]
            countries += [{"event_id": event_id, "country": c, "position": i} for i, c in enumerate(codes)]
            sectors += [{"event_id": event_id, "sector": s} for s in sector_set]
            for i, w in enumerate(dict.fromkeys(who)):
                a = actors[w]
                participants.append({"event_id": event_id, "actor_id": a["id"], "position": i, "kind": a["kind"],
                                     "name": a["name"] if a["kind"] == "person" else None, "title": None,
                                     "org": a["name"] if a["kind"] != "person" else None, "country": a["country"],
                                     "role": ("source", "target", "other")[min(i, 2)], "day": day})
            filler = " ".join(rng.sample(FILLER, 2))
            sources.append({"event_id": event_id, "document_id": doc_id, "quote": quote, "start": offset,
                            "end": offset + len(quote)})
            parts.append(quote + " " + filler + "\n\n")
            offset += len(parts[-1])
        documents.append({"id": doc_id, "name": f"report_{d:06d}.txt", "title": f"Corridor report {d}",
                          "published": published, "source": "bench", "url": None, "format": "text",
                          "body_start": len(parts[0]), "text": "".join(parts)})
        if len(events) >= n_events:
            break

    engine = get_engine(url)
    used_places = {e["place_id"] for e in events}
    with engine.begin() as conn:
        conn.execute(insert(PlaceRow), [{k: p[k] for k in ("id", "name", "kind", "admin1", "country", "lat", "lon")}
                                        for p in places if p["id"] in used_places])
        conn.execute(insert(ActorRow), actors)
        conn.execute(insert(ActorAliasRow), aliases)
        conn.execute(insert(ActorTitleRow), titles)
        for table, rows in ((DocumentRow, documents), (EventRow, events), (EventCountryRow, countries),
                            (EventSectorRow, sectors), (ParticipantRow, participants), (EventSourceRow, sources)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i:i + 5000])
    fts.ensure(engine)  # a migration after 0003 may have rebuilt a table and dropped its indexing triggers
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int, workers: int) -> subprocess.Popen:
    """`corridor serve`, as a user runs it."""
    # The benchmark reads as a visitor: the news pages are public, as on a demo or a public portal.
    env = {**os.environ, "CORRIDOR_DATABASE_URL": url, "CORRIDOR_PUBLIC_READ": "true"}
    corridor = Path(sys.executable).with_name("corridor")
    return subprocess.Popen(
        [str(corridor), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--no-access-log"],
        cwd=ROOT, env=env,
    )


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def endpoints(n_events: int, rng: random.Random):
    """Each endpoint as a function returning the next URL path to request."""
    words = ("copper", "attack", "energy", "solar", "agreement", "Quetta", "minerals", "forum", "investment",
             "Hartwell", "lithium", "Karachi", "wind", "data", "police")
    sectors, kinds = list(SECTORS), list(KINDS)
    n_docs = max(1, n_events // 5)

    def events_list():
        return f"/events?page={rng.randint(1, 20)}"

    def filtered():
        year = rng.randint(2019, 2026)
        return (f"/events?sector={rng.choice(sectors)}&kind={rng.choice(kinds)}"
                f"&from={year}-01-01&to={year}-12-31&sort={rng.choice(('date', '-date'))}")

    def event_page():
        d = rng.randrange(n_docs)
        return f"/events/ev_{d:011x}{rng.randrange(5):05x}"

    def search():
        return f"/search?q={rng.choice(words)}+{rng.choice(words)}" if rng.random() < 0.5 else \
            f"/search?q={rng.choice(words)}"

    return {"events list": events_list, "filtered list": filtered, "event page": event_page, "search": search}


class Connection:
    """One keep-alive HTTP/1.1 connection, kept deliberately small: the load generator shares the
    machine with the server under test, and httpx spends about 3 ms of CPU on each request."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in
                   (line.partition(b":") for line in head.split(b"\r\n")[1:] if line)}
        if b"content-length" in headers:
            await self.reader.readexactly(int(headers[b"content-length"]))
        else:  # chunked
            while size := int((await self.reader.readline()).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        if headers.get(b"connection") == b"close":
            self.writer.close()
            self.writer = None
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(base: str, clients: int, seconds: float, n_events: int) -> dict[str, list[float]]:
    rng = random.Random(11)
    targets = endpoints(n_events, rng)
    names = list(targets)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def worker(k: int) -> None:
        connection = Connection(host, int(port))
        i = k
        try:
            while time.monotonic() < deadline:
                name = names[i % len(names)]
                i += 1
                started = time.perf_counter()
                status = await connection.get(targets[name]())
                latencies[name].append(time.perf_counter() - started)
                if status != 200:
                    errors[name] += 1
        finally:
            connection.close()

    await asyncio.gather(*(worker(k) for k in range(clients)))
    for name, n in errors.items():
        print(f"  {name}: {n} responses were not 200", file=sys.stderr)
    return latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(latencies: dict[str, list[float]], seconds: float) -> str:
    lines = ["| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, values in latencies.items():
        lines.append(f"| {name} | {len(values)} | {len(values) / seconds:.0f} | {percentile(values, 50) * 1000:.1f} | "
                     f"{percentile(values, 95) * 1000:.1f} | {percentile(values, 99) * 1000:.1f} |")
    total = sum(len(v) for v in latencies.values())
    lines.append(f"| all | {total} | {total / seconds:.0f} | "
                 f"{statistics.median([x for v in latencies.values() for x in v]) * 1000:.1f} | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10,000 events for 5 seconds")
    parser.add_argument("--events", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="web server processes (corridor serve --workers)")
    parser.add_argument("--keep", type=Path, help="write the database here and keep it (reused when it exists)")
    args = parser.parse_args()
    n_events = args.events or (10_000 if args.quick else 100_000)
    seconds = args.seconds or (5.0 if args.quick else 30.0)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "web-bench.db"
        if not (args.keep and path.exists()):
            started = time.perf_counter()
            generate(path, n_events)
            print(f"generated {n_events:,} events in {time.perf_counter() - started:.1f} s ({path})", flush=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = serve(f"sqlite:///{path}", port, args.workers)
        try:
            wait_ready(base, server)
            # One request per endpoint first, so start-up costs (templates, caches) are not measured.
            warm = endpoints(n_events, random.Random(3))
            for target in warm.values():
                httpx.get(base + target(), timeout=30)
            cpu = time.process_time()
            latencies = asyncio.run(load(base, args.clients, seconds, n_events))
            client_cpu = time.process_time() - cpu
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"\n{n_events:,} events, {args.clients} clients, {seconds:.0f} s, {args.workers} server processes, "
          f"{os.cpu_count()} CPUs\n")
    print(report(latencies, seconds))
    total = sum(len(v) for v in latencies.values())
    print(f"\nthe clients used {client_cpu:.1f} s of CPU ({client_cpu / max(total, 1) * 1000:.2f} ms a request)")


if __name__ == "__main__":
    main()

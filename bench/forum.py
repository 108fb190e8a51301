"""Bench of the forum scheduler on generated instances.

For each size it prints the meetings placed, the priority-weighted value and the proven upper
bound, their ratio, the greedy first-free-slot baseline on the same instance, the time and the
peak memory (resident set size of a fresh process per instance, via resource.getrusage), and
whether the independent checker accepts the schedule.

    .venv/bin/python bench/forum.py            # 50/200, 500/2,000, 2,000/20,000
    .venv/bin/python bench/forum.py --quick    # 50/200 and 500/2,000 with short limits
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# people, requests, time limit (s), goal ratio to the bound, tables per person
SIZES = [
    (50, 200, 10, 0.99, 1 / 3),
    (500, 2_000, 30, 0.99, 1 / 3),
    (2_000, 20_000, 120, 0.97, 1 / 3),
    (500, 4_000, 30, 0.99, 0.12),  # scarce tables: the relaxation is no longer integral
]
QUICK = [(50, 200, 3, 0.99, 1 / 3), (500, 2_000, 10, 0.99, 1 / 3)]


def run_one(people: int, requests: int, limit: float, seed: int, tables: float) -> dict:
    from bench.forum_instances import generate
    from corridor.forum.heuristic import greedy_first_free
    from corridor.forum.problem import compile_instance
    from corridor.forum.scheduler import Options, schedule
    from tests.forum.checker import check

    inst = generate(people, requests, seed, tables)
    t = time.perf_counter()
    greedy = greedy_first_free(compile_instance(inst))
    greedy_s = time.perf_counter() - t
    result = schedule(inst, Options(seed=seed, time_limit=limit))
    errors = check(inst, result)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "people": people, "requests": requests, "limit": limit,
        "meetings": result.meetings, "value": result.value, "bound": result.bound,
        "ratio": result.ratio, "greedy_meetings": greedy.meetings, "greedy_value": greedy.value,
        "greedy_seconds": greedy_s, "heuristic_value": result.heuristic_value,
        "seconds": result.seconds, "peak_mb": peak, "gaps": result.gaps,
        "left_without": result.left_without, "status": result.status,
        "deterministic": result.deterministic, "valid": not errors, "errors": errors[:3],
        "rounds": result.stats.get("rounds", 0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, short limits")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", nargs=4, type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        p, r, limit, tables = args.one
        print(json.dumps(run_one(int(p), int(r), limit, args.seed, tables)))
        return 0
    rows = []
    header = (f"{'instance':>14} {'placed':>7} {'value':>7} {'bound':>7} {'ratio':>7} "
              f"{'greedy':>13} {'gaps':>6} {'time s':>7} {'peak MB':>8} {'valid':>5} {'det':>4} {'goal':>10}")
    print(header)
    print("-" * len(header))
    ok = True
    for people, requests, limit, goal, tables in QUICK if args.quick else SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(people), str(requests), str(limit),
             str(tables), "--seed", str(args.seed)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        met = (row["ratio"] >= goal and row["value"] >= row["greedy_value"] and row["valid"]
               and row["seconds"] <= limit * 1.05)
        ok &= met
        name = f"{people}/{requests}" + ("*" if tables < 0.25 else "")
        print(f"{name:>14} {row['meetings']:>7} {row['value']:>7} "
              f"{row['bound']:>7} {row['ratio']:>7.2%} "
              f"{row['greedy_meetings']:>5}/{row['greedy_value']:<7} {row['gaps']:>6} "
              f"{row['seconds']:>7.1f} "
              f"{row['peak_mb']:>8.0f} {'yes' if row['valid'] else 'NO':>5} "
              f"{'yes' if row['deterministic'] else 'no':>4} "
              f"{'>=' + format(goal, '.0%') + (' ok' if met else ' MISS'):>10}")
    print("\nvalue = priority-weighted meetings; bound = proven upper bound on value; "
          "greedy = meetings/value of first-free-slot in request order; valid = accepted by "
          "the independent checker; det = stopped by the work budget, not the clock; "
          "gaps = idle gaps summed over people; * = scarce tables (one per eight people)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: run each benchmark script that exists, in turn, with its output streamed.

    python bench/run.py            # bench/extract.py, bench/web.py, bench/forum.py (those present)
    python bench/run.py --quick    # passes --quick to each
    python bench/run.py extract    # only the named ones

Exits non-zero when a script fails (the others still run).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ("extract", "web", "forum")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Corridor's benchmarks.")
    parser.add_argument("only", nargs="*", metavar="NAME", help=f"any of {', '.join(SCRIPTS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="pass --quick to each script (smaller inputs)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only) - set(SCRIPTS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SCRIPTS)}")

    names = [n for n in SCRIPTS if not args.only or n in args.only]
    failed: list[str] = []
    timings: list[tuple[str, float, int]] = []
    for name in names:
        script = BENCH / f"{name}.py"
        if not script.is_file():
            continue
        command = [sys.executable, "-u", str(script)] + (["--quick"] if args.quick else [])
        print(f"\n=== bench/{name}.py {' '.join(command[3:])}".rstrip(), flush=True)
        started = time.perf_counter()
        try:
            code = subprocess.run(command, cwd=BENCH.parent).returncode
        except KeyboardInterrupt:
            print(f"=== bench/{name}.py interrupted", flush=True)
            return 130
        elapsed = time.perf_counter() - started
        timings.append((name, elapsed, code))
        if code != 0:
            failed.append(name)
        print(f"=== bench/{name}.py {'ok' if code == 0 else f'FAILED (exit {code})'} in {elapsed:.0f} s", flush=True)

    if not timings:
        print("no benchmark scripts found in bench/", file=sys.stderr)
        return 1
    print("\n" + "  ".join(f"{n}: {'ok' if c == 0 else 'FAILED'} ({s:.0f} s)" for n, s, c in timings), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast Corridor extracts events, beside spaCy's blank English tokenizer on the same corpus.

One run measures, on N generated documents (bench/generate.py, seeded):

  (a) spaCy's blank English pipeline with a sentencizer (`nlp.pipe` over the documents);
  (b) Corridor's `Extractor` over every document in this process (`extractor.annotate(doc)`,
      whose `.sentences` and `.events` are counted);
  (c) the same with K worker processes (a Pool whose initializer builds one Extractor per process;
      documents sent in chunks through `imap`). Throughput is wall clock from the moment every
      worker has built its Extractor to the last result; per core = total / K.

(a) and (b) run in turn on the same blocks of 500 documents, so that a machine shared with other
work slows both alike and their ratio holds. Besides wall-clock rates the table gives sentences
per CPU-second (process CPU time; summed over the workers for (c)), the per-core speed that load
on the machine does not lower, and the best block of each (the least disturbed, as timeit takes
the minimum).

It prints documents/s, sentences/s (per core), peak memory (ru_maxrss of this process, and of the
largest worker), events per document, the ratio extraction / tokenizer, and the time each pipeline
stage takes on a sample; the figures also go to bench/out/extract.json.

    python bench/extract.py --profile --docs 2000   # instead: cProfile of each stage
    python bench/extract.py                # 10,000 documents, 1 process and 2 workers
    python bench/extract.py --quick        # 1,000 documents
    python bench/extract.py --docs 20000 --workers 4
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for entry in (str(ROOT), str(ROOT / "bench")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import generate  # noqa: E402  (bench/generate.py)

TARGET_SENTENCES_PER_CORE = 2_000
TARGET_RATIO = 0.10
QUICK_DOCS = 1_000
BARRIER_TIMEOUT_S = 600
OUT = ROOT / "bench" / "out" / "extract.json"


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss is in KiB on Linux


def _rss_peak_mb() -> float:
    return _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _rss_now_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def say(*parts: object) -> None:
    print(*parts, flush=True)


# ---------------------------------------------------------------------------------------------
# (a) the tokenizer and (b) the extractor in one process, interleaved block by block


def _rates(docs: int, sentences: int, seconds: float, cpu: float) -> dict:
    return {
        "docs": docs,
        "sentences": sentences,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "docs_per_s": docs / seconds,
        "sentences_per_s": sentences / seconds,
        "sentences_per_s_per_core": sentences / seconds,
        "sentences_per_cpu_s": sentences / cpu if cpu else float("nan"),
        "ms_per_doc": 1000 * seconds / docs,
        "cpu_ms_per_doc": 1000 * cpu / docs,
    }


def bench_single(docs: list, seed: int, block: int) -> tuple[dict, dict, object]:
    """The tokenizer and the extractor over the same blocks of documents in turn, so that both
    see the same load on a shared machine; totals, and the best block of each (the least
    disturbed, as timeit takes the minimum)."""
    import spacy

    from corridor.extract.pipeline import Extractor

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    list(nlp.pipe([d.text for d in docs[:50]]))
    tokenizer_rss = _rss_peak_mb()

    rss_before = _rss_now_mb()
    started = time.perf_counter()
    extractor = Extractor()
    build_s = time.perf_counter() - started
    # Warm up on a document outside the corpus (lazy loads, regex caches).
    extractor(generate.document(len(docs) + 1, seed))
    warm_s = time.perf_counter() - started - build_s
    extractor_rss = _rss_now_mb() - rss_before

    tok = {"sentences": 0, "seconds": 0.0, "cpu": 0.0, "best": 0.0}
    ext = {"sentences": 0, "seconds": 0.0, "cpu": 0.0, "best": 0.0}
    events = 0
    kinds: Counter[str] = Counter()
    clock, cpu_clock = time.perf_counter, time.process_time
    for i in range(0, len(docs), block):
        chunk = docs[i : i + block]
        texts = [d.text for d in chunk]

        t, c = clock(), cpu_clock()
        sentences = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=256))
        t, c = clock() - t, cpu_clock() - c
        tok["sentences"] += sentences
        tok["seconds"] += t
        tok["cpu"] += c
        tok["best"] = max(tok["best"], sentences / t)

        sentences = 0
        t, c = clock(), cpu_clock()
        for doc in chunk:
            annotated = extractor.annotate(doc)
            sentences += len(annotated.sentences)
            events += len(annotated.events)
            kinds.update(event.kind for event in annotated.events)
        t, c = clock() - t, cpu_clock() - c
        ext["sentences"] += sentences
        ext["seconds"] += t
        ext["cpu"] += c
        ext["best"] = max(ext["best"], sentences / t)

    tokenizer = _rates(len(docs), tok["sentences"], tok["seconds"], tok["cpu"])
    tokenizer |= {"best_block_sentences_per_s": tok["best"], "peak_rss_mb": tokenizer_rss, "spacy": spacy.__version__}
    single = _rates(len(docs), ext["sentences"], ext["seconds"], ext["cpu"])
    single |= {
        "best_block_sentences_per_s": ext["best"],
        "events": events,
        "events_per_doc": events / len(docs),
        "events_by_kind": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        "build_s": build_s,
        "warm_up_s": warm_s,
        "extractor_rss_mb": extractor_rss,
        "peak_rss_mb": _rss_peak_mb(),
        "block": block,
    }
    return tokenizer, single, extractor


def bench_stages(extractor, docs: list) -> dict | None:
    """Seconds per stage on a sample, running the stages one by one as Extractor.annotate does."""
    try:
        stages = list(extractor.stages)
        names = [s.name for s in stages]
    except (ImportError, AttributeError):
        return None
    spent = dict.fromkeys(names, 0.0)
    clock = time.perf_counter
    for doc in docs:
        annotated = extractor.start(doc)
        for current in stages:
            t = clock()
            annotated = current.fn(annotated)
            spent[current.name] += clock() - t
    total = sum(spent.values()) or 1.0
    return {
        "docs": len(docs),
        "seconds": spent,
        "ms_per_doc": {k: 1000 * v / len(docs) for k, v in spent.items()},
        "share": {k: v / total for k, v in spent.items()},
    }


# ---------------------------------------------------------------------------------------------
# (c) worker processes

_EXTRACTOR = None


def _init_worker(seed: int, warm_index: int, barrier) -> None:
    global _EXTRACTOR
    from corridor.extract.pipeline import Extractor

    try:
        _EXTRACTOR = Extractor()
        _EXTRACTOR(generate.document(warm_index, seed))
    except BaseException:
        barrier.abort()  # the parent stops waiting at once
        raise
    barrier.wait(BARRIER_TIMEOUT_S)


def _extract_one(doc) -> tuple[int, int, float]:
    cpu = time.process_time()
    annotated = _EXTRACTOR.annotate(doc)
    return len(annotated.sentences), len(annotated.events), time.process_time() - cpu


def bench_workers(docs: list, workers: int, seed: int, chunksize: int) -> dict:
    ctx = mp.get_context()
    barrier = ctx.Barrier(workers + 1)
    started = time.perf_counter()
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(seed, len(docs) + 1, barrier))
    try:
        try:
            barrier.wait(BARRIER_TIMEOUT_S)
        except Exception as exc:  # a worker failed to build its Extractor
            raise RuntimeError(f"a worker failed to build its Extractor, or took over {BARRIER_TIMEOUT_S} s") from exc
        startup_s = time.perf_counter() - started
        sentences = events = 0
        worker_cpu = 0.0
        t0, cpu = time.perf_counter(), time.process_time()
        for n_sentences, n_events, doc_cpu in pool.imap(_extract_one, docs, chunksize=chunksize):
            sentences += n_sentences
            events += n_events
            worker_cpu += doc_cpu
        seconds, parent_cpu = time.perf_counter() - t0, time.process_time() - cpu
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return {
        "docs": len(docs),
        "workers": workers,
        "start_method": ctx.get_start_method(),
        "chunksize": chunksize,
        "sentences": sentences,
        "events": events,
        "events_per_doc": events / len(docs),
        "seconds": seconds,
        "startup_s": startup_s,
        "cpu_seconds": worker_cpu,  # the workers' CPU time in extraction, summed
        "parent_cpu_seconds": parent_cpu,
        "docs_per_s": len(docs) / seconds,
        "sentences_per_s": sentences / seconds,
        "sentences_per_s_per_core": sentences / seconds / workers,
        "sentences_per_cpu_s": sentences / worker_cpu,
        "docs_per_s_with_startup": len(docs) / (seconds + startup_s),
        "peak_rss_mb": _rss_peak_mb(),
        "worker_peak_rss_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
    }


def profile_stages(docs: list, top: int, out_dir: Path) -> None:
    """cProfile each pipeline stage separately over the documents; print its heaviest functions."""
    import cProfile
    import pstats

    from corridor.extract.pipeline import Extractor

    extractor = Extractor()
    extractor(generate.document(len(docs) + 1, 0))
    profilers = {s.name: cProfile.Profile() for s in extractor.stages}
    spent = dict.fromkeys(profilers, 0.0)
    for doc in docs:
        annotated = extractor.start(doc)
        for current in extractor.stages:
            profiler = profilers[current.name]
            t = time.perf_counter()
            profiler.enable()
            annotated = current.fn(annotated)
            profiler.disable()
            spent[current.name] += time.perf_counter() - t
    out_dir.mkdir(parents=True, exist_ok=True)
    total = sum(spent.values())
    say(f"profile of {len(docs):,} documents, {total:.1f} s under the profiler (times inflated by it)")
    for name, profiler in profilers.items():
        path = out_dir / f"profile_{name}.prof"
        profiler.dump_stats(path)
        say(f"\n### stage {name}: {spent[name]:.2f} s ({spent[name] / total:.0%}), {path.relative_to(ROOT)}")
        stats = pstats.Stats(profiler)
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # by own time
        say(f"{'own s':>8}{'cum s':>8}{'calls':>10}  function")
        for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in rows:
            where = filename.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
            where = where.split("site-packages/")[-1]
            say(f"{tottime:>8.2f}{cumtime:>8.2f}{ncalls:>10,}  {func} ({where}:{line})")


# ---------------------------------------------------------------------------------------------
# Report


def _row(label: str, r: dict, rss_key: str = "peak_rss_mb") -> str:
    events = f"{r['events_per_doc']:.2f}" if "events_per_doc" in r else "-"
    return (
        f"{label:<32}{r['docs']:>8,}{r['sentences']:>11,}{r['seconds']:>8.1f}{r['docs_per_s']:>9,.0f}"
        f"{r['sentences_per_s']:>10,.0f}{r['sentences_per_s_per_core']:>12,.0f}{r['sentences_per_cpu_s']:>12,.0f}"
        f"{r[rss_key]:>9,.0f}{events:>8}"
    )


def report(results: dict) -> None:
    tok, single, par = results["tokenizer"], results["single"], results.get("parallel")
    say()
    say(
        f"{'':<32}{'docs':>8}{'sentences':>11}{'wall s':>8}{'docs/s':>9}{'sent/s':>10}{'sent/s/core':>12}"
        f"{'sent/CPU-s':>12}{'peak MB':>9}{'ev/doc':>8}"
    )
    rule = "-" * 119
    say(rule)
    say(_row("spaCy blank en + sentencizer", tok))
    say(_row("Corridor extract, 1 process", single))
    if par:
        say(_row(f"Corridor extract, {par['workers']} workers", par, "worker_peak_rss_mb"))
    say(rule)
    ratio = results["ratio"]
    say(
        f"extraction / tokenizer (one process): {ratio['sentences_per_s']:.3f} of its sentences/s "
        f"(1/{1 / ratio['sentences_per_s']:.1f}) wall clock, {ratio['sentences_per_cpu_s']:.3f} "
        f"(1/{1 / ratio['sentences_per_cpu_s']:.1f}) in CPU time; {ratio['docs_per_s']:.3f} of its docs/s"
    )
    say(
        f"best block of {single['block']} documents: tokenizer {tok['best_block_sentences_per_s']:,.0f} sentences/s, "
        f"extraction {single['best_block_sentences_per_s']:,.0f} (ratio {ratio['best_block_sentences_per_s']:.3f}, "
        f"1/{1 / ratio['best_block_sentences_per_s']:.1f})"
    )
    if par:
        say(
            f"{par['workers']} workers: {par['docs_per_s'] / single['docs_per_s']:.2f}x one process; worker start-up "
            f"{par['startup_s']:.1f} s not counted ({par['docs_per_s_with_startup']:,.0f} docs/s with it); "
            f"{par['start_method']}, chunks of {par['chunksize']}; peak MB = largest worker"
        )
    say(
        f"Extractor: built in {single['build_s']:.1f} s (+{single['warm_up_s']:.1f} s first document), "
        f"+{single['extractor_rss_mb']:,.0f} MB resident; {single['ms_per_doc']:.2f} ms/doc wall, "
        f"{single['cpu_ms_per_doc']:.2f} ms/doc CPU; parent peak RSS {results['peak_rss_mb']:,.0f} MB "
        f"(corpus of {results['corpus']['chars'] / 1e6:.1f} M characters in memory)"
    )
    say(f"events by kind: {single['events_by_kind']}")
    stages = results.get("stages")
    if stages:
        parts = "  ".join(f"{k} {v:.2f} ({stages['share'][k]:.0%})" for k, v in stages["ms_per_doc"].items())
        say(f"ms/doc by stage on {stages['docs']:,} docs (after the main pass: caches warm): {parts}")
    busy = results["machine"]
    share = single["cpu_seconds"] / single["seconds"]
    if share < 0.9:
        say(
            f"note: the one-process run got {share:.0%} of a core (load average {busy['load_before']:.1f} before, "
            f"{busy['load_after']:.1f} after, on {busy['cores']} cores): other work shares this machine, so wall-clock "
            "figures are low; sent/CPU-s is the per-core speed without it"
        )
    t = results["targets"]
    for basis in ("wall", "cpu"):
        got, rat = t[basis]["sentences_per_core"], t[basis]["ratio"]
        say(
            f"targets ({'wall clock' if basis == 'wall' else 'CPU time'}): >= {TARGET_SENTENCES_PER_CORE:,} sentences/s "
            f"per core {'MET' if got >= TARGET_SENTENCES_PER_CORE else 'NOT MET'} ({got:,.0f}); >= 1/10 of the "
            f"tokenizer {'MET' if rat >= TARGET_RATIO else 'NOT MET'} ({rat:.3f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, help=f"corpus size (default {generate.DEFAULT_DOCS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS:,} documents")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for (c); 0 or 1 skips it")
    parser.add_argument("--block", type=int, default=500, help="documents per block of (a)/(b) interleaving")
    parser.add_argument("--chunksize", type=int, default=32, help="documents per imap chunk")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--stage-docs", type=int, default=1_000, help="sample for the per-stage times (0: skip)")
    parser.add_argument("--json", type=Path, default=OUT, help=f"where to write the figures (default {OUT})")
    parser.add_argument(
        "--profile", action="store_true", help="instead: cProfile each stage on the corpus (use with --docs 2000)"
    )
    args = parser.parse_args(argv)
    n = args.docs or (QUICK_DOCS if args.quick else generate.DEFAULT_DOCS)
    if args.profile:
        profile_stages(generate.generate(n, args.seed), top=12, out_dir=args.json.parent)
        return 0
    run_started = time.perf_counter()
    load_before = os.getloadavg()[0]

    say(
        f"bench/extract.py: {n:,} documents, seed {args.seed}, {_cores()} cores available, Python {platform.python_version()}"
    )
    started = time.perf_counter()
    docs = generate.generate(n, args.seed)
    corpus = {"docs": n, "seed": args.seed, "chars": sum(len(d.text) for d in docs)}
    corpus["generate_s"] = time.perf_counter() - started
    say(f"  corpus: {corpus['chars']:,} characters generated in {corpus['generate_s']:.1f} s")

    results: dict = {"corpus": corpus}
    say(f"  (a) spaCy tokenizer + sentencizer and (b) Corridor extraction, one process, in blocks of {args.block} …")
    results["tokenizer"], results["single"], extractor = bench_single(docs, args.seed, args.block)
    say(f"      tokenizer {results['tokenizer']['seconds']:.1f} s, extraction {results['single']['seconds']:.1f} s")
    if args.stage_docs:
        results["stages"] = bench_stages(extractor, docs[: args.stage_docs])
    del extractor
    if args.workers > 1:
        if args.workers > _cores():
            say(f"  note: {args.workers} workers on {_cores()} cores: per-core figures will be low")
        say(f"  (c) Corridor extraction, {args.workers} workers …")
        results["parallel"] = par = bench_workers(docs, args.workers, args.seed, args.chunksize)
        say(f"      {par['seconds']:.1f} s (+{par['startup_s']:.1f} s start-up)")
        single = results["single"]
        if (par["sentences"], par["events"]) != (single["sentences"], single["events"]):
            say(
                f"  WARNING: workers counted {par['sentences']:,} sentences / {par['events']:,} events, "
                f"one process {single['sentences']:,} / {single['events']:,}"
            )

    tok, single, par = results["tokenizer"], results["single"], results.get("parallel")
    results["ratio"] = {
        "sentences_per_s": single["sentences_per_s"] / tok["sentences_per_s"],
        "sentences_per_cpu_s": single["sentences_per_cpu_s"] / tok["sentences_per_cpu_s"],
        "docs_per_s": single["docs_per_s"] / tok["docs_per_s"],
        "best_block_sentences_per_s": single["best_block_sentences_per_s"] / tok["best_block_sentences_per_s"],
    }
    runs = [single] + ([par] if par else [])
    results["targets"] = {
        "sentences_per_s_per_core": TARGET_SENTENCES_PER_CORE,
        "ratio": TARGET_RATIO,
        # The lower of one process and the workers.
        "wall": {
            "sentences_per_core": min(r["sentences_per_s_per_core"] for r in runs),
            "ratio": results["ratio"]["sentences_per_s"],
        },
        "cpu": {
            "sentences_per_core": min(r["sentences_per_cpu_s"] for r in runs),
            "ratio": results["ratio"]["sentences_per_cpu_s"],
        },
    }
    results["peak_rss_mb"] = _rss_peak_mb()
    results["machine"] = {
        "cores": _cores(),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }
    results["total_s"] = time.perf_counter() - run_started
    report(results)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    say(f"figures written to {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    say(f"bench/extract.py took {results['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

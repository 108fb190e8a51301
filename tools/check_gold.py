"""Check real-text gold files against docs/gold.md before they are committed.

    python tools/check_gold.py tests/gold/real/dev.events.jsonl [--shared ../shared]

Every line must name a listed document, use the vocabularies, and carry an evidence cue of at most
twelve words found exactly in the document's text. PLOVER files (tests/gold/plover_real/) are
checked for their sentence offsets instead. Prints one line per problem; exits 1 if any.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"meeting", "investment_interest", "agreement", "scheduled_event", "investment", "attack",
         "condemnation", "assurance", "other"}
SECTORS = {"it", "mining", "energy", "agriculture", "infrastructure", "manufacturing", "finance", "health",
           "education", "defence", "trade"}
METHODS = {"ied", "suicide", "firing", "grenade", "rocket", "abduction", "arson", "other"}
TARGETS = {"security_forces", "civilians", "officials", "infrastructure", "foreigners", "project_staff", "other"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_WORDS = 12


def texts(shared: Path) -> dict[str, str]:
    found = {}
    with (shared / "corpus" / "realnews" / "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            found[record["id"]] = record["text"]
    for name in ("train", "dev"):
        rows = (shared / "corpus" / "satp" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        for n, row in enumerate(rows, start=1):
            found[f"satp-{name}-{n}"] = row.split("\t")[0]
    return found


def check_event(g: dict, text: str) -> list[str]:
    problems = []
    if g.get("kind") not in KINDS:
        problems.append(f"kind {g.get('kind')!r}")
    if not isinstance(g.get("required"), bool):
        problems.append("required must be true or false")
    if g.get("kind") == "other" and g.get("required"):
        problems.append("an `other` event is never required")
    if not isinstance(g.get("participants", []), list) or len(g.get("participants", [])) > 4:
        problems.append("participants: a list of at most four surnames")
    if any(not re.fullmatch(r"[A-Z]{3}", c) for c in g.get("countries", [])):
        problems.append("countries: ISO alpha-3 codes")
    if g.get("date") is not None and not DATE.match(g["date"]):
        problems.append(f"date {g['date']!r}")
    if not set(g.get("sectors", [])) <= SECTORS:
        problems.append(f"sectors {g.get('sectors')}")
    casualties = g.get("casualties")
    if casualties is not None:
        if set(casualties) - {"killed", "injured", "hostages"}:
            problems.append("casualties: killed, injured, hostages only")
        if any(v is not None and (not isinstance(v, int) or v < 0) for v in casualties.values()):
            problems.append("casualties: whole numbers or null")
    if g.get("method") not in METHODS | {None}:
        problems.append(f"method {g.get('method')!r}")
    if g.get("target") not in TARGETS | {None}:
        problems.append(f"target {g.get('target')!r}")
    if g.get("plover") not in PLOVER | {None}:
        problems.append(f"plover {g.get('plover')!r}")
    problems += check_evidence(g.get("evidence", ""), text)
    return problems


def check_evidence(evidence: str, text: str) -> list[str]:
    if not evidence or evidence not in text:
        return [f"evidence not found exactly in the text: {evidence[:60]!r}"]
    if len(evidence.split()) > MAX_WORDS:
        return [f"evidence longer than {MAX_WORDS} words"]
    return []


def check_sentence(g: dict, text: str) -> list[str]:
    problems = []
    start, end = g.get("start"), g.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"offsets {start}..{end} outside the text"]
    if g.get("type") not in PLOVER:
        problems.append(f"type {g.get('type')!r}")
    problems += check_evidence(g.get("evidence", ""), text[start:end])
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    corpus = texts(args.shared)
    failed = 0
    for path in args.gold:
        listed = set((path.parent / (path.name.split(".")[0] + ".docs.txt")).read_text().split())
        sentences = path.parent.name == "plover_real"
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{lineno}: not JSON ({exc.msg})")
                failed += 1
                continue
            if g.get("doc") not in listed:
                problems = [f"document {g.get('doc')!r} is not in the list"]
            else:
                text = corpus[g["doc"]]
                problems = check_sentence(g, text) if sentences else check_event(g, text)
            for problem in problems:
                print(f"{path}:{lineno}: {problem}")
            failed += bool(problems)
    print(f"{failed} line(s) with problems" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

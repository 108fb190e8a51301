"""Draw the real-text gold samples by a hash of each id, never by looking at the text.

    python tools/sample_gold.py [--shared ../shared]

Writes the document lists of docs/gold.md: tests/gold/real/{dev,heldout}.docs.txt (articles whose
events are annotated), tests/gold/satp/{dev,heldout}.docs.txt (Pakistani SATP incidents) and
tests/gold/plover_real/{dev,heldout}.docs.txt (articles whose sentences are PLOVER-coded). An
article's rank is the SHA-256 of its id; its part is the parity of a second hash, so the two parts
are drawn alike. A list already written is kept (annotation may have started on it): delete it to
draw again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENT_ARTICLES = 200
PLOVER_ARTICLES = 120
SATP_INCIDENTS = 130
# Pakistani SATP summaries name a Pakistani region or city; Punjab is left out (India has one too).
PAKISTAN = re.compile(
    r"Balochistan|Khyber|Pakhtunkhwa|FATA|Federally Administered|Sindh|Karachi|Quetta|Peshawar|"
    r"Waziristan|Pakistan|Lahore|Islamabad|Rawalpindi|Bannu|Kurram|Gilgit|Swat|Bajaur|Mohmand|Orakzai"
)


def rank(key: str, salt: str = "") -> str:
    return hashlib.sha256((salt + key).encode("utf-8")).hexdigest()


def part(key: str) -> str:
    return "heldout" if int(rank(key, "part:"), 16) % 2 else "dev"


def split(ids: list[str]) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {"dev": [], "heldout": []}
    for key in ids:
        parts[part(key)].append(key)
    return parts


def write(folder: Path, parts: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, ids in parts.items():
        path = folder / f"{name}.docs.txt"
        if path.exists():
            print(f"kept {path.relative_to(ROOT)}")
            continue
        path.write_text("".join(f"{key}\n" for key in sorted(ids)), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}: {len(ids)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "corpus"

    with (corpus / "realnews" / "dev.jsonl").open(encoding="utf-8") as lines:
        articles = sorted((json.loads(line)["id"] for line in lines if line.strip()), key=rank)
    write(ROOT / "tests" / "gold" / "real", split(articles[:EVENT_ARTICLES]))
    write(ROOT / "tests" / "gold" / "plover_real", split(articles[EVENT_ARTICLES : EVENT_ARTICLES + PLOVER_ARTICLES]))

    incidents = []
    for name in ("train", "dev"):
        rows = (corpus / "satp" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        incidents += [f"satp-{name}-{n}" for n, row in enumerate(rows, start=1) if PAKISTAN.search(row.split("\t")[0])]
    write(ROOT / "tests" / "gold" / "satp", split(sorted(incidents, key=rank)[:SATP_INCIDENTS]))


if __name__ == "__main__":
    main()

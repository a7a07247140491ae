"""Golden output of `clean_text` on the eval pages, to prove a speed-up changes nothing.

Usage:
    .venv/bin/python tools/cleaner_golden.py save /tmp/golden_before.json
    .venv/bin/python tools/cleaner_golden.py check /tmp/golden_before.json

Each page is cleaned twice: with no title, and with the title the first pass found; the hash
covers the text, title, language, every removal and every line verdict of both results.
"""

import csv
import gzip
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO / "src"))  # after any src a caller put first

from newsclean.cleaning import clean_text  # noqa: E402
from newsclean.cleaning.result import CleanResult  # noqa: E402

EVAL_DIR = REPO.parent / "shared" / "eval"
SPLITS = ("dev", "test")


def load_pages(split: str) -> list[tuple[str, str]]:
    """(id, raw_text) of every page of one split."""
    csv.field_size_limit(1 << 30)
    with gzip.open(EVAL_DIR / split / "pages.csv.gz", "rt", encoding="utf-8", newline="") as f:
        return [(row["id"], row["raw_text"]) for row in csv.DictReader(f)]


def digest(result: CleanResult) -> str:
    """A hash of everything the cleaner returns."""
    payload = repr(
        (
            result.text,
            result.title,
            result.language,
            [(r.reason, r.text, r.kind, r.line) for r in result.removed],
            [(v.line, v.text, v.keep, v.reason, v.kept_text) for v in result.verdicts],
        )
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def golden() -> dict[str, str]:
    """Page key -> hash of its two cleanings."""
    out: dict[str, str] = {}
    for split in SPLITS:
        for page_id, text in load_pages(split):
            first = clean_text(text)
            second = clean_text(text, title=first.title)
            out[f"{split}/{page_id}"] = digest(first) + ":" + digest(second)
    return out


def main() -> int:
    """Save or check the golden hashes."""
    if len(sys.argv) != 3 or sys.argv[1] not in {"save", "check"}:
        print(__doc__)
        return 2
    path = Path(sys.argv[2])
    current = golden()
    if sys.argv[1] == "save":
        path.write_text(json.dumps(current, indent=0, sort_keys=True), encoding="utf-8")
        print(f"saved {len(current)} pages to {path}")
        return 0
    before = json.loads(path.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | current.keys() if before.get(k) != current.get(k))
    print(f"{len(current)} pages, {len(differ)} differ" + (f": {differ[:10]}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Quick cleaner-only scoring on the shared benchmark (no flow, no Parquet): the tuning loop on dev.

    .venv/bin/python tools/eval_cleaner.py [--split dev] [--worst 10] [--set keep_threshold=0.4]

Cleans every page's `raw_text` (title=None), writes the predictions to a CSV (id,text) and scores
that file with the benchmark's own `score.py`, run as a program, so the numbers printed are exactly
the benchmark's. Tune on dev only; run test once, at the end, to report. `make eval` is the
end-to-end measurement (flow, Parquet) that the README reports.
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsclean.cleaning import CleanerConfig, clean_text
from newsclean.evaluation import find_eval_dir, iter_pages


def _config(settings: list[str]) -> CleanerConfig:
    """A config with `name=value` overrides (values parsed as JSON: numbers, true/false)."""
    overrides = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        overrides[name] = json.loads(value)
    return CleanerConfig(**overrides)


def _score(eval_dir: Path, split: str, predictions: Path, per_doc: Path) -> dict[str, object]:
    """Run score.py on the predictions file; its JSON summary."""
    command = [
        sys.executable,
        str(eval_dir / "score.py"),
        "--gold",
        str(eval_dir / split / "gold.csv.gz"),
        "--pred",
        str(predictions),
        "--by-source",
        "--json",
        "--per-doc",
        str(per_doc),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    summary: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return summary


def _print_worst(per_doc: Path, count: int) -> None:
    with per_doc.open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda row: float(row["f1"]))
    for row in rows[:count]:
        print(
            f"  worst {row['id']:24s} F1 {float(row['f1']):.3f} P {float(row['precision']):.3f} "
            f"R {float(row['recall']):.3f} ({row['pred_tokens']} / {row['gold_tokens']} tokens)"
        )


def main() -> int:
    """Clean every page of a split, score with score.py, and list the worst pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages")
    parser.add_argument("--set", action="append", default=[], help="config override name=value")
    parser.add_argument("--keep", type=Path, help="keep the predictions CSV here")
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval")
        return 2
    config = _config(args.set)
    pages = [(page["id"], page["raw_text"]) for page in iter_pages(eval_dir, args.split)]
    clean_text(pages[0][1], config=config)  # load the language and line models outside the timing
    started = time.perf_counter()
    predictions = [(doc_id, clean_text(text, config=config).text) for doc_id, text in pages]
    elapsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        pred_file = args.keep or Path(tmp) / "pred.csv"
        with pred_file.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "text"])
            writer.writerows(predictions)
        summary = _score(eval_dir, args.split, pred_file, Path(tmp) / "per_doc.csv")
        print(
            f"{args.split}: P {summary['mean_precision']:.4f} R {summary['mean_recall']:.4f} "
            f"F1 {summary['mean_f1']:.4f} median {summary['median_f1']:.4f} "
            f"({summary['n_docs']} docs, {summary['empty_preds']} empty)"
        )
        by_source = summary["by_source"]
        assert isinstance(by_source, dict)
        for source, m in by_source.items():
            print(
                f"  {source:6s} P {m['mean_precision']:.4f} R {m['mean_recall']:.4f} "
                f"F1 {m['mean_f1']:.4f} ({m['n_docs']} docs)"
            )
        chars = sum(len(text) for _, text in pages)
        print(
            f"{len(pages) / elapsed:.0f} pages/s on one core ({elapsed / len(pages) * 1000:.2f} ms/page, "
            f"{chars / elapsed / 1e6:.2f} MB/s)"
        )
        _print_worst(Path(tmp) / "per_doc.csv", args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

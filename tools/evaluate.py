"""`make eval`: run the real ingest flow on the shared benchmark and score it with its scorer.

For each split (dev, test) and mode (text only; with HTML) the eval `pages.csv.gz` goes through
`flows/ingest.py:ingest` exactly as a user's dump would; the articles written are scored against
the gold with `score.py`. Prints one Markdown table beside the benchmark's published baselines
and writes it to `benchmarks/EVAL.md`.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pyarrow.dataset as ds

REPO = Path(__file__).resolve().parents[1]

from flows.ingest import ingest  # noqa: E402

from newsclean.evaluation import find_eval_dir, score_predictions  # noqa: E402

BASELINES = [
    # method, input, dev P, dev R, dev F1, test P, test R, test F1 (from the eval set's README)
    ("passthrough", "text", 0.632, 0.998, 0.747, 0.648, 0.999, 0.758),
    ("trafilatura_text", "text", 0.660, 0.992, 0.768, 0.682, 0.994, 0.782),
    ("justext_text", "text", 0.766, 0.828, 0.770, 0.781, 0.839, 0.780),
    ("c4_lines", "text", 0.854, 0.874, 0.844, 0.866, 0.872, 0.848),
    ("trafilatura", "html", 0.937, 0.968, 0.945, 0.936, 0.977, 0.946),
    ("readability", "html", 0.935, 0.945, 0.932, 0.936, 0.957, 0.936),
]


def run_split(
    eval_dir: Path, split: str, use_html: bool, workers: int, work: Path
) -> tuple[dict[str, str], float]:
    """Ingest one split through the flow; returns {id: text} and records/s inside the flow.

    The rate is read from the run report (time spent on the input), so the temporary Prefect
    server's start-up is not counted.
    """
    out = work / f"{split}-{'html' if use_html else 'text'}"
    pages = eval_dir / split / "pages.csv.gz"
    report = ingest(paths=[str(pages)], out=str(out), workers=workers, use_html=use_html)
    seconds = sum(f.seconds for f in report.files) or float("nan")
    table = ds.dataset(out / "articles", format="parquet").to_table(columns=["id", "text"])
    predictions = dict(zip(table.column("id").to_pylist(), table.column("text").to_pylist(), strict=True))
    return predictions, report.totals()["records_read"] / seconds


def main() -> int:
    """Evaluate and print the table; exits 2 when the eval set is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--modes", nargs="+", choices=["text", "html"], default=["text", "html"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "EVAL.md")
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print(
            "eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval",
            file=sys.stderr,
        )
        return 2
    results: dict[tuple[str, str], tuple[float, float, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="newsclean-eval-") as tmp:
        for mode in args.modes:
            for split in args.splits:
                predictions, rate = run_split(eval_dir, split, mode == "html", args.workers, Path(tmp))
                s = score_predictions(eval_dir, split, predictions)
                results[(mode, split)] = (s.precision, s.recall, s.f1, rate)
                bysrc = ", ".join(f"{k} F1 {v[2]:.3f}" for k, v in s.by_source.items())
                print(f"{mode:5s} {split:5s} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} ({bysrc})")
    lines = [
        "| method | input | dev P | dev R | dev F1 | test P | test R | test F1 | pages/s (dev, in flow) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode in ("text", "html"):
        cells = []
        for split in ("dev", "test"):
            p, r, f, _ = results.get((mode, split), (float("nan"),) * 4)
            cells += [f"**{p:.3f}**", f"**{r:.3f}**", f"**{f:.3f}**"]
        rate = results.get((mode, "dev"), (0, 0, 0, float("nan")))[3]
        lines.append(f"| **newsclean** | {mode} | {' | '.join(cells)} | {rate:.0f} |")
    for name, kind, *nums in BASELINES:
        lines.append(f"| {name} | {kind} | {' | '.join(f'{n:.3f}' for n in nums)} | |")
    table = "\n".join(lines)
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        "# Evaluation on shared/eval (token P/R/F1, macro mean, score.py)\n\n"
        "Produced by `make eval` (the real ingest flow, workers="
        f"{args.workers}). Baselines are from the eval set's README.\n\n{table}\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

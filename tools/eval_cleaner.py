"""Quick cleaner-only scoring on the shared benchmark (no flow, no Parquet): for tuning on dev.

    .venv/bin/python tools/eval_cleaner.py [--split dev] [--worst 10] [--html]

`make eval` is the end-to-end measurement that the README reports; this is the inner loop.
"""

import argparse
import time

from newsclean.cleaning import clean_text
from newsclean.evaluation import find_eval_dir, iter_pages, score_predictions


def main() -> int:
    """Clean every page of a split, score, and list the worst pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--worst", type=int, default=0)
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval")
        return 2
    pages = list(iter_pages(eval_dir, args.split))
    clean_text(pages[0]["raw_text"])  # load the language and line models outside the timing
    started = time.perf_counter()
    predictions = {page["id"]: clean_text(page["raw_text"]).text for page in pages}
    elapsed = time.perf_counter() - started
    scores = score_predictions(eval_dir, args.split, predictions)
    print(
        f"{args.split}: P {scores.precision:.4f} R {scores.recall:.4f} "
        f"F1 {scores.f1:.4f} median {scores.median_f1:.4f}"
    )
    for source, (p, r, f) in scores.by_source.items():
        print(f"  {source:6s} P {p:.4f} R {r:.4f} F1 {f:.4f}")
    print(f"{len(pages) / elapsed:.0f} pages/s ({elapsed / len(pages) * 1000:.2f} ms/page)")
    for doc_id, f1 in sorted(scores.per_doc.items(), key=lambda kv: kv[1])[: args.worst]:
        print(f"  worst {doc_id} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

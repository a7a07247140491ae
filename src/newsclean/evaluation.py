"""Scoring cleaned output against the shared benchmark's gold text, with the benchmark's own scorer.

The scorer (`score.py`) ships with the evaluation set, not with newsclean, so it is loaded from
there at run time: our numbers are then computed by exactly the code that defines them.
"""

import csv
import gzip
import importlib.util
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def find_eval_dir() -> Path | None:
    """The eval set: `NEWSCLEAN_EVAL_DIR`, else `../shared/eval` beside the repository."""
    candidate = Path(os.environ.get("NEWSCLEAN_EVAL_DIR", REPO.parent / "shared" / "eval"))
    return candidate if (candidate / "score.py").is_file() else None


@cache
def load_scorer(eval_dir: Path) -> ModuleType:
    """Import the benchmark's `score.py` as a module."""
    spec = importlib.util.spec_from_file_location("newsclean_eval_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        msg = f"cannot load {eval_dir / 'score.py'}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def iter_pages(eval_dir: Path, split: str) -> Iterator[dict[str, str]]:
    """Rows of `<split>/pages.csv.gz` (id, source_dataset, url, raw_text, html), streamed."""
    csv.field_size_limit(sys.maxsize)
    with gzip.open(eval_dir / split / "pages.csv.gz", "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def load_gold(eval_dir: Path, split: str) -> dict[str, str]:
    """Gold article bodies by id."""
    scorer = load_scorer(eval_dir)
    gold: dict[str, str] = scorer.load_gold(str(eval_dir / split / "gold.csv.gz"))
    return gold


@dataclass(frozen=True, slots=True)
class Scores:
    """Macro-averaged token scores over all gold documents, as `score.py` defines them."""

    n_docs: int
    precision: float
    recall: float
    f1: float
    median_f1: float
    by_source: Mapping[str, tuple[float, float, float]]
    per_doc: Mapping[str, float]


def score_predictions(eval_dir: Path, split: str, predictions: Mapping[str, str]) -> Scores:
    """Score `{id: text}` against the split's gold; a missing id scores as an empty prediction."""
    scorer = load_scorer(eval_dir)
    gold = load_gold(eval_dir, split)
    rows = []
    for doc_id in sorted(gold):
        p, r, f = scorer.word_prf(predictions.get(doc_id, ""), gold[doc_id])
        rows.append({"id": doc_id, "precision": p, "recall": r, "f1": f})
    summary = scorer.summarize(rows)
    sources: dict[str, tuple[float, float, float]] = {}
    for source in sorted({row["id"].split("_", 1)[0] for row in rows}):
        part = scorer.summarize([row for row in rows if row["id"].split("_", 1)[0] == source])
        sources[source] = (part["mean_precision"], part["mean_recall"], part["mean_f1"])
    return Scores(
        n_docs=summary["n_docs"],
        precision=summary["mean_precision"],
        recall=summary["mean_recall"],
        f1=summary["mean_f1"],
        median_f1=summary["median_f1"],
        by_source=sources,
        per_doc={row["id"]: row["f1"] for row in rows},
    )

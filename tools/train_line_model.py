"""`make train`: learn the line scorer's weights from the dev split, reproducibly.

Labels come from aligning each raw line with the gold body: a line is content when its words occur,
in order, in the gold (short lines only inside the span the long matched lines cover). The model is
a logistic regression over `newsclean.cleaning.features`, fitted by full-batch gradient descent
(deterministic: fixed iterations, zero initialisation) with each line weighted by its word count,
because the benchmark's score counts words, not lines. Only dev is read; test stays held out.
"""

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from newsclean.cleaning.cleaner import prepare_lines, split_lines
from newsclean.cleaning.config import DEFAULT_CONFIG
from newsclean.cleaning.features import FEATURE_NAMES, page_features
from newsclean.cleaning.model import MODEL_FILE
from newsclean.cleaning.stopwords import detect_language, stopwords
from newsclean.evaluation import find_eval_dir, iter_pages, load_gold

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "newsclean" / "cleaning" / MODEL_FILE
_TOKEN = re.compile(r"\w+")
_SHORT_LINE_TOKENS = 4


def _norm(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def label_lines(lines: list[str], gold: str) -> list[int]:
    """1 for lines found in the gold body, 0 otherwise (see module docstring)."""
    gold_norm = _norm(gold)
    gold_tokens = Counter(_TOKEN.findall(gold.lower()))
    labels: list[int] = []
    for line in lines:
        norm = _norm(line)
        tokens = norm.split()
        if not tokens:
            labels.append(0)
        elif norm in gold_norm:
            labels.append(1)
        else:
            share = sum(1 for t in tokens if gold_tokens[t] > 0) / len(tokens)
            labels.append(1 if share >= 0.9 and len(tokens) >= _SHORT_LINE_TOKENS else 0)
    long_hits = [
        i for i, (line, y) in enumerate(zip(lines, labels, strict=True)) if y and len(line.split()) >= 8
    ]
    if not long_hits:
        return labels
    first, last = long_hits[0], long_hits[-1]
    return [
        y if (first <= i <= last or len(line.split()) >= _SHORT_LINE_TOKENS) else 0
        for i, (line, y) in enumerate(zip(lines, labels, strict=True))
    ]


def dataset(eval_dir: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and weights of every dev line, prepared exactly as the cleaner does."""
    gold = load_gold(eval_dir, "dev")
    xs: list[list[float]] = []
    ys: list[int] = []
    ws: list[float] = []
    for row in iter_pages(eval_dir, "dev"):
        raw_lines, _ = split_lines(row["raw_text"], DEFAULT_CONFIG)
        page = prepare_lines(raw_lines, DEFAULT_CONFIG)
        language = detect_language(page.text, DEFAULT_CONFIG.min_language_confidence)
        xs.extend(page_features(page.text, stopwords(language), language is not None))
        ys.extend(label_lines(page.text, gold[row["id"]]))
        ws.extend(float(len(line.split())) + 1.0 for line in page.text)
    return np.array(xs), np.array(ys, dtype=float), np.array(ws)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, iterations: int, l2: float) -> np.ndarray:
    """Weighted, L2-regularised logistic regression by Newton's method (IRLS).

    Twenty features make each Newton step a tiny linear solve; a fixed iteration count from zero
    weights makes training exactly reproducible.
    """
    w = w / w.mean()
    beta = np.zeros(x.shape[1])
    penalty = l2 * len(y) * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty @ beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + penalty
        beta -= np.linalg.solve(hessian, gradient)
    return beta


def main() -> int:
    """Train and write the model file; prints training accuracy."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=25)
    parser.add_argument("--l2", type=float, default=1e-4)
    args = parser.parse_args()
    eval_dir = find_eval_dir()
    if eval_dir is None:
        print("eval set not found: set NEWSCLEAN_EVAL_DIR or place it at ../shared/eval")
        return 2
    x, y, w = dataset(eval_dir)
    beta = fit(x, y, w, args.iterations, args.l2)
    p = 1.0 / (1.0 + np.exp(-(x @ beta)))
    accuracy = float(np.sum(w * ((p > 0.5) == (y > 0.5))) / np.sum(w))
    print(f"{len(y)} lines, {int(y.sum())} content; word-weighted training accuracy {accuracy:.3f}")
    for name, value in zip(FEATURE_NAMES, beta, strict=True):
        print(f"  {name:18s} {value:+.3f}")
    model = {
        "features": list(FEATURE_NAMES),
        "weights": [round(float(b), 6) for b in beta],
        "trained_on": "shared/eval dev",
    }
    OUTPUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

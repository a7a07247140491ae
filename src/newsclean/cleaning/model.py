"""The content scorer: a logistic model over line features, smoothed along the page.

Weights are learned from the dev split (`make train`, `tools/train_line_model.py`) and ship as a
small JSON file in the package. Scores alone are noisy on short lines, so the final labels come
from a two-state Viterbi pass: a line tends to share its neighbours' label (jusText's context idea,
made exact and linear-time).
"""

import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from newsclean.cleaning.features import FEATURE_NAMES

MODEL_FILE = "line_model.json"
_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic weights in FEATURE_NAMES order, and what they were trained on."""

    weights: tuple[float, ...]
    trained_on: str

    def probability(self, vector: Sequence[float]) -> float:
        """P(content) for one feature vector."""
        z = sum(map(operator.mul, self.weights, vector))
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_model() -> LineModel:
    """The shipped model; fails loudly if its features do not match this code's."""
    data = json.loads(files("newsclean.cleaning").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES:
        msg = f"{MODEL_FILE} was trained on other features; run `make train`"
        raise RuntimeError(msg)
    return LineModel(tuple(float(w) for w in data["weights"]), str(data.get("trained_on", "")))


def smooth(probabilities: Sequence[float], stay: float, threshold: float) -> list[bool]:
    """Most likely keep/drop sequence given per-line probabilities and label persistence.

    `threshold` shifts the emission odds so that a lone line is kept exactly when its probability
    exceeds it; `stay` is the chance two neighbouring lines share a label.
    """
    if not probabilities:
        return []
    log_stay, log_switch = math.log(stay), math.log(1.0 - stay)
    bias = math.log(threshold / (1.0 - threshold))
    keep_score, drop_score = 0.0, 0.0
    back: list[tuple[bool, bool]] = []  # for each line: best previous state if now keep / drop
    for p in probabilities:
        p = min(max(p, _EPSILON), 1.0 - _EPSILON)  # noqa: PLW2901 - clamped copy
        emit_keep = math.log(p) - bias / 2
        emit_drop = math.log(1.0 - p) + bias / 2
        from_keep_k, from_drop_k = keep_score + log_stay, drop_score + log_switch
        from_keep_d, from_drop_d = keep_score + log_switch, drop_score + log_stay
        back.append((from_keep_k >= from_drop_k, from_keep_d >= from_drop_d))
        keep_score = max(from_keep_k, from_drop_k) + emit_keep
        drop_score = max(from_keep_d, from_drop_d) + emit_drop
    state = keep_score >= drop_score
    labels = [False] * len(probabilities)
    for i in range(len(probabilities) - 1, -1, -1):
        labels[i] = state
        state = back[i][0] if state else back[i][1]
    return labels

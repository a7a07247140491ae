"""The content scorer: a logistic model over line features, smoothed along the page.

Weights are learned from the dev split (`make train`, `tools/train_line_model.py`) and ship as a
small JSON file in the package. Scores alone are noisy on short lines, so the final labels come
from a two-state Viterbi pass: a line tends to share its neighbours' label (jusText's context idea,
made exact and linear-time).
"""

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

from newsclean.cleaning.features import FEATURE_NAMES

MODEL_FILE = "line_model.json"
_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic weights in FEATURE_NAMES order, and what they were trained on."""

    weights: tuple[float, ...]
    trained_on: str

    def probabilities(self, vectors: np.ndarray) -> list[float]:
        """P(content) for each row of a feature matrix.

        The weighted sum is accumulated feature by feature (a matrix product would add in another
        order) and the logistic uses `math.exp`: the same arithmetic as a per-line dot product, so
        scores are identical to the last bit.
        """
        z = np.add.accumulate(vectors * np.array(self.weights), axis=1)[:, -1]
        exp = math.exp
        return [0.0 if v < -30 else 1.0 / (1.0 + exp(-v)) for v in z.tolist()]


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

    With two states only the difference of their best log scores matters: `margin` (keep minus
    drop). A step adds the line's evidence to the margin clipped to ±`switch` (the log odds of
    staying): beyond that, the losing state is best reached from the winning one. One addition a
    line instead of the four comparisons of a textbook Viterbi pass, and the same path.
    """
    if not probabilities:
        return []
    switch = math.log(stay) - math.log(1.0 - stay)
    bias = math.log(threshold / (1.0 - threshold))
    p = np.clip(np.asarray(probabilities, dtype=np.float64), _EPSILON, 1.0 - _EPSILON)
    evidence = (np.log(p) - np.log(1.0 - p) - bias).tolist()
    margins: list[float] = []  # keep minus drop, before each line
    margin = 0.0
    for step in evidence:
        margins.append(margin)
        if margin > switch:
            margin = switch
        elif margin < -switch:
            margin = -switch
        margin += step
    keep = margin >= 0.0
    labels = [False] * len(probabilities)
    for i in range(len(probabilities) - 1, -1, -1):
        labels[i] = keep
        # The best way into this line's state: from 'keep' unless the margin before it was
        # below -switch (for a kept line) or below switch (for a dropped one).
        keep = margins[i] >= (-switch if keep else switch)
    return labels

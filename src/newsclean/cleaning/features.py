"""Per-line features for the content scorer: cheap measurements of how much a line reads like prose.

The same function feeds training (`tools/train_line_model.py`) and cleaning, so the model always
sees features computed exactly as at training time. Everything is O(line length).
"""

import math
import operator
import re
from collections.abc import Sequence

WORD = re.compile(r"\w+")
_GLUED = re.compile(r"[a-z][A-Z]")
_FIRST = operator.itemgetter(0)
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", "…", ":", ")", "»")
_SEPARATORS = ("|", "•", "·", "»", "›", " > ", "/")

FEATURE_NAMES = (
    "bias",
    "log_words",
    "log_chars",
    "terminal",
    "stop_ratio",
    "title_ratio",
    "digit_ratio",
    "symbol_ratio",
    "glued",
    "separators",
    "bullet",
    "rel_length",
    "comma_rate",
    "no_language",
    "prev_log_words",
    "next_log_words",
    "prev_stop_ratio",
    "next_stop_ratio",
    "run_log_words",
    "prose",
    "long_sentence",
    "window_stop",
    "window_terminal",
    "inside_anchors",
    "anchor_balance",
    "anchor_distance",
)
"""Order of the feature vector; the model file stores weights in this order."""


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
"""Scripts written without spaces (kana, CJK ideographs, Thai): there, \\w+ finds whole
sentences, so length is counted in characters instead (two per word)."""


def count_words(line: str, words: Sequence[str]) -> int:
    """Words in a line, counting unspaced scripts at two characters a word."""
    if line.isascii():
        return len(words)
    return len(words) + len(_UNSPACED.findall(line)) // 2


def line_stats(line: str, stop: frozenset[str]) -> tuple[float, ...]:
    """Context-free features of one line (see FEATURE_NAMES[1:14])."""
    words = WORD.findall(line)
    n_words = count_words(line, words)
    n_chars = len(line)
    if n_words:
        stops = sum(map(stop.__contains__, map(str.lower, words))) if stop else 0
        titled = sum(map(str.isupper, map(_FIRST, words)))
        stop_ratio = stops / n_words
        title_ratio = titled / n_words
    else:
        stop_ratio = title_ratio = 0.0
    digits = sum(map(line.count, "0123456789"))
    letters = sum(map(len, words))
    symbols = max(n_chars - letters - line.count(" "), 0)
    return (
        math.log1p(n_words),
        math.log1p(n_chars),
        1.0 if line.rstrip().endswith(_TERMINAL) else 0.0,
        stop_ratio,
        title_ratio,
        digits / n_chars if n_chars else 0.0,
        symbols / n_chars if n_chars else 0.0,
        min(len(_GLUED.findall(line[:500])), 3) / 3.0,
        1.0 if any(s in line for s in _SEPARATORS) else 0.0,
        1.0 if line[:1] in "-•*·▪◦" else 0.0,
        0.0,  # rel_length, filled in by page_features
        min(line.count(",") / (n_words + 1), 1.0),
        0.0,  # no_language, filled in by page_features
    )


ANCHOR_MIN_WORDS = 15
"""A line this long that ends like a sentence (and is wordy in the page's language) is a prose
anchor: the main content is the region its anchors span."""


def _anchors(stats: Sequence[tuple[float, ...]], has_language: bool) -> list[bool]:
    threshold = math.log1p(ANCHOR_MIN_WORDS)
    return [s[0] >= threshold and s[2] > 0 and (s[3] >= 0.25 or not has_language) for s in stats]


def _anchor_context(
    stats: Sequence[tuple[float, ...]], has_language: bool
) -> list[tuple[float, float, float]]:
    """Per line: inside the anchors' span?, share of anchor words on the lighter side, distance."""
    anchors = _anchors(stats, has_language)
    weights = [math.expm1(s[0]) if a else 0.0 for s, a in zip(stats, anchors, strict=True)]
    total = sum(weights) or 1.0
    n = len(stats)
    before = 0.0
    last_anchor = -(10**9)
    distance_back: list[int] = []
    for i in range(n):
        if anchors[i]:
            last_anchor = i
        distance_back.append(i - last_anchor)
    next_anchor = 10**9
    out: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * n
    after = total
    for i in range(n - 1, -1, -1):
        if anchors[i]:
            next_anchor = i
        distance = min(distance_back[i], next_anchor - i)
        out[i] = (0.0, 0.0, math.log1p(min(distance, 1000)))
    for i in range(n):
        after -= weights[i]
        inside = 1.0 if (before > 0 and after > 0) or anchors[i] else 0.0
        out[i] = (inside, min(before, after) / total, out[i][2])
        before += weights[i]
    return out


def page_features(stats: Sequence[tuple[float, ...]], has_language: bool) -> list[list[float]]:
    """Feature vectors for every line of a page (from `line_stats` of each), with context.

    Neighbour features let a short line inside a run of prose (a subheading, a one-line quote)
    score as content, and a long line inside a menu as boilerplate; anchor features say where the
    page's prose lies.
    """
    n = len(stats)
    longest = max((s[0] for s in stats), default=1.0) or 1.0
    default_stop = 0.0 if has_language else 0.35
    anchor_context = _anchor_context(stats, has_language)
    vectors: list[list[float]] = []
    for i, s in enumerate(stats):
        prev = stats[i - 1] if i > 0 else None
        nxt = stats[i + 1] if i + 1 < n else None
        window = stats[max(0, i - 2) : min(n, i + 3)]
        stop_ratio = s[3] if has_language else default_stop
        vector = [1.0, s[0], s[1], s[2], stop_ratio, *s[4:10]]
        vector += [
            s[0] / longest,
            s[11],
            0.0 if has_language else 1.0,
            prev[0] if prev else 0.0,
            nxt[0] if nxt else 0.0,
            (prev[3] if has_language else default_stop) if prev else 0.0,
            (nxt[3] if has_language else default_stop) if nxt else 0.0,
            sum(w[0] for w in window) / len(window),
            stop_ratio * s[0],
            s[2] * s[0],
            (sum(w[3] for w in window) / len(window)) if has_language else default_stop,
            sum(w[2] for w in window) / len(window),
            *anchor_context[i],
        ]
        vectors.append(vector)
    return vectors

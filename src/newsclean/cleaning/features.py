"""Per-line features for the content scorer: cheap measurements of how much a line reads like prose.

The same function feeds training (`tools/train_line_model.py`) and cleaning, so the model always
sees features computed exactly as at training time. Everything is O(line length).
"""

import math
import operator
import re
import string
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

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
STAT_NAMES = FEATURE_NAMES[1:14]
"""The features `line_stats` measures (two of them, placeholders, are filled in by page_features)."""


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
"""Scripts written without spaces (kana, CJK ideographs, Thai): there, \\w+ finds whole
sentences, so length is counted in characters instead (two per word)."""


def count_words(line: str, words: Sequence[str]) -> int:
    """Words in a line, counting unspaced scripts at two characters a word."""
    if line.isascii():
        return len(words)
    return len(words) + len(_UNSPACED.findall(line)) // 2


_NOT_WORD = bytes(b for b in range(256) if not (chr(b).isascii() and (chr(b).isalnum() or b == ord("_"))))
_LOWER, _UPPER, _DIGITS = (
    s.encode() for s in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
)
_LOWER_WORDS = bytes.maketrans(_UPPER + _NOT_WORD, _LOWER + b" " * len(_NOT_WORD))
"""Words lowercased, everything else a space: `.split()` then yields `WORD.findall(line.lower())`."""
_SHAPE = bytes.maketrans(
    _LOWER + _UPPER + _DIGITS + _NOT_WORD,
    b"a" * len(_LOWER) + b"A" * len(_UPPER) + b"0" * 10 + b" " * len(_NOT_WORD),
)
"""Each character's class: a (lowercase), A (uppercase), 0 (digit), _ or space (no word character)."""
_NOT_ASCII_WORDS = re.compile(r"[^\W\x00-\x7f]|" + _UNSPACED.pattern)
"""A word character outside ASCII, or an unspaced script: the line needs the general path."""


@lru_cache(maxsize=64)
def _ascii_stopwords(stop: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in stop if word.isascii())


def _ascii_counts(line: str, stop: frozenset[str]) -> tuple[int, int, int, int, int, int]:
    """Words, stop words, capitalised words, digits, word characters and glued pairs of a line.

    The line's word characters must all be ASCII; any other character cannot be part of a word,
    so each is replaced by '?' and the line counted on bytes, by C-speed translations, as
    `WORD.findall` would count it.
    """
    data = line.encode("ascii", "replace")
    shape = data.translate(_SHAPE)
    if stop:
        words = data.translate(_LOWER_WORDS).split()
        n_words = len(words)
        stops = sum(map(_ascii_stopwords(stop).__contains__, words))
    else:
        n_words = len(shape.split())
        stops = 0
    titled = shape.count(b" A") + shape.startswith(b"A")
    letters = len(shape) - shape.count(b" ")
    return n_words, stops, titled, shape.count(b"0"), letters, shape[:500].count(b"aA")


def _counts(line: str, stop: frozenset[str]) -> tuple[int, int, int, int, int, int]:
    """`_ascii_counts` for any line."""
    if line.isascii() or _NOT_ASCII_WORDS.search(line) is None:
        return _ascii_counts(line, stop)
    words = WORD.findall(line)
    return (
        count_words(line, words),
        sum(map(stop.__contains__, map(str.lower, words))) if stop else 0,
        sum(map(str.isupper, map(_FIRST, words))),
        sum(map(line.count, "0123456789")),
        sum(map(len, words)),
        len(_GLUED.findall(line[:500])),
    )


def line_stats(line: str, stop: frozenset[str]) -> tuple[float, ...]:
    """Context-free features of one line (see FEATURE_NAMES[1:14])."""
    n_words, stops, titled, digits, letters, glued = _counts(line, stop)
    n_chars = len(line)
    if n_words:
        stop_ratio = stops / n_words
        title_ratio = titled / n_words
    else:
        stop_ratio = title_ratio = 0.0
    symbols = max(n_chars - letters - line.count(" "), 0)
    return (
        math.log1p(n_words),
        math.log1p(n_chars),
        1.0 if line.rstrip().endswith(_TERMINAL) else 0.0,
        stop_ratio,
        title_ratio,
        digits / n_chars if n_chars else 0.0,
        symbols / n_chars if n_chars else 0.0,
        min(glued, 3) / 3.0,
        1.0 if any(s in line for s in _SEPARATORS) else 0.0,
        1.0 if line[:1] in "-•*·▪◦" else 0.0,
        0.0,  # rel_length, filled in by page_features
        min(line.count(",") / (n_words + 1), 1.0),
        0.0,  # no_language, filled in by page_features
    )


ANCHOR_MIN_WORDS = 15
"""A line this long that ends like a sentence (and is wordy in the page's language) is a prose
anchor: the main content is the region its anchors span."""

_FAR = 1000
"""Distances to the nearest anchor are capped here (in lines)."""
_LOG_DISTANCE = np.array([math.log1p(d) for d in range(_FAR + 1)])
"""log1p of each capped distance, computed by `math` as the weights were trained with."""


def _window_mean(column: np.ndarray) -> np.ndarray:
    """Mean over each line and the two lines either side (fewer at the page's ends).

    Summed left to right from zero, the order the model was trained with, so scores are bit-for-bit
    those of a per-line loop (numpy's `sum` would pair terms differently).
    """
    n = len(column)
    padded = np.concatenate((np.zeros(2), column, np.zeros(2)))
    total = padded[:-4] + padded[1:-3] + padded[2:-2] + padded[3:-1] + padded[4:]
    index = np.arange(n)
    mean: np.ndarray = total / (np.minimum(index + 3, n) - np.maximum(index - 2, 0))
    return mean


def _anchor_context(stats: np.ndarray, has_language: bool) -> np.ndarray:
    """Per line: inside the anchors' span?, share of anchor words on the lighter side, distance."""
    n = len(stats)
    anchors = (stats[:, 0] >= math.log1p(ANCHOR_MIN_WORDS)) & (stats[:, 2] > 0)
    if has_language:
        anchors &= stats[:, 3] >= 0.25
    # Anchor weights summed one by one in page order: `before` and `after` at each line take one of
    # these levels (a running sum would round differently).
    before_levels, after_levels = [0.0], []
    before = 0.0
    weights = [math.expm1(w) for w in stats[anchors, 0].tolist()]
    for weight in weights:
        before += weight
        before_levels.append(before)
    total = sum(weights) or 1.0
    after = total
    after_levels.append(after)
    for weight in weights:
        after -= weight
        after_levels.append(after)
    through = np.cumsum(anchors)  # anchors up to and including each line
    before_line = np.array(before_levels)[through - anchors]
    after_line = np.array(after_levels)[through]
    out = np.empty((n, 3))
    out[:, 0] = ((before_line > 0) & (after_line > 0)) | anchors
    out[:, 1] = np.minimum(before_line, after_line) / total
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(anchors, index, -_FAR))
    following = np.minimum.accumulate(np.where(anchors, index, n + _FAR)[::-1])[::-1]
    out[:, 2] = _LOG_DISTANCE[np.minimum(np.minimum(index - last, following - index), _FAR)]
    return out


def page_features(stats: Sequence[Sequence[float]] | np.ndarray, has_language: bool) -> np.ndarray:
    """Feature vectors for every line of a page (rows of `line_stats`), with context.

    Neighbour features let a short line inside a run of prose (a subheading, a one-line quote)
    score as content, and a long line inside a menu as boilerplate; anchor features say where the
    page's prose lies.
    """
    s = np.asarray(stats, dtype=np.float64).reshape(-1, len(STAT_NAMES))
    n = len(s)
    words, terminal = s[:, 0], s[:, 2]
    default_stop = 0.0 if has_language else 0.35
    stop = s[:, 3] if has_language else np.full(n, default_stop)
    x = np.zeros((n, len(FEATURE_NAMES)))
    if not n:
        return x
    x[:, 0] = 1.0
    x[:, 1:4] = s[:, 0:3]
    x[:, 4] = stop
    x[:, 5:11] = s[:, 4:10]
    x[:, 11] = words / (float(words.max()) or 1.0)
    x[:, 12] = s[:, 11]
    x[:, 13] = 0.0 if has_language else 1.0
    x[1:, 14] = words[:-1]
    x[:-1, 15] = words[1:]
    x[1:, 16] = stop[:-1]
    x[:-1, 17] = stop[1:]
    x[:, 18] = _window_mean(words)
    x[:, 19] = stop * words
    x[:, 20] = terminal * words
    x[:, 21] = _window_mean(stop) if has_language else default_stop
    x[:, 22] = _window_mean(terminal)
    x[:, 23:] = _anchor_context(s, has_language)
    return x

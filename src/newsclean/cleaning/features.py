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
UNSPACED_FULL_STOPS = ("。", "！", "？")
"""The full stops of Chinese and Japanese."""
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", "…", ":", ")", "»", *UNSPACED_FULL_STOPS, "」", "』")
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


UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
"""Scripts written without spaces (kana, CJK ideographs, Thai): there, \\w+ finds whole
sentences, so length is counted in characters instead (two per word)."""


def _unspaced_words(line: str) -> int:
    """Words in the line's unspaced scripts, at two characters a word."""
    return 0 if line.isascii() else len(UNSPACED.findall(line)) // 2


def word_count(line: str) -> int:
    """Whitespace-separated words, unspaced scripts counted at two characters a word.

    What the rules' and the rounds' thresholds count in (a Chinese sentence is one
    whitespace-separated "word", and would pass for a menu item). A run of unspaced script
    counts only by its characters ('日本 東京' is two words), and any of it as one word at least.
    """
    if line.isascii():
        return len(line.split())
    unspaced = len(UNSPACED.findall(line))
    if not unspaced:
        return len(line.split())
    return max(len(UNSPACED.sub(" ", line).split()) + unspaced // 2, 1)


def count_words(line: str, words: Sequence[str]) -> int:
    """Words in a line (`WORD` matches), unspaced scripts counted at two characters a word."""
    return len(words) + _unspaced_words(line)


_NOT_WORD = bytes(b for b in range(256) if not (chr(b).isascii() and (chr(b).isalnum() or b == ord("_"))))
_LOWER, _UPPER, _DIGITS = (
    s.encode() for s in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
)
LOWER_WORDS = bytes.maketrans(_UPPER + _NOT_WORD, _LOWER + b" " * len(_NOT_WORD))
"""Words lowercased, everything else a space: `.split()` then yields `WORD.findall(line.lower())`."""
_SHAPE = bytes.maketrans(
    _LOWER + _UPPER + _DIGITS + _NOT_WORD,
    b"a" * len(_LOWER) + b"A" * len(_UPPER) + b"0" * 10 + b" " * len(_NOT_WORD),
)
"""Each character's class: a (lowercase), A (uppercase), 0 (digit), _ or space (no word character)."""


_ASCII_RUNS = re.compile("[\x00-\x7f]+")


def lower_words(line: str) -> str:
    """The line's words lowercased and joined by single spaces, as lines are compared.

    Titles and lines recurring across pages are matched in this form.
    """
    return " ".join(lower_word_list(line))


def lower_word_list(line: str) -> list[str]:
    """The line's words (`WORD`), lowercased.

    Lines whose word characters are all ASCII (most, curly quotes and dashes aside) are split on
    bytes, any other character standing in as '?' (three times faster than the `WORD` pattern,
    with the same words).
    """
    if line.isascii() or not any(map(str.isalnum, _ASCII_RUNS.sub("", line))):
        return line.encode("ascii", "replace").translate(LOWER_WORDS).decode().split()
    return WORD.findall(line.lower())


_GLUED_SPAN = 500
"""Glued words are counted in a line's first characters only."""


def _needs_general_counts(line: str) -> bool:
    """Has this non-ASCII line a word character outside ASCII, or an unspaced script?"""
    rest = _ASCII_RUNS.sub("", line)
    return any(map(str.isalnum, rest)) or UNSPACED.search(rest) is not None


def _general_counts(line: str, stop: frozenset[str]) -> tuple[int, int, int, int, int, int]:
    """Words, stop words, capitalised words, digits, word characters and glued pairs of a line."""
    words = WORD.findall(line)
    return (
        count_words(line, words),
        sum(map(stop.__contains__, map(str.lower, words))) if stop else 0,
        sum(map(str.isupper, map(_FIRST, words))),
        sum(map(line.count, "0123456789")),
        sum(map(len, words)),
        len(_GLUED.findall(line[:_GLUED_SPAN])),
    )


@lru_cache(maxsize=64)
def _ascii_stopwords(stop: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in stop if word.isascii())


def _page_counts(lines: Sequence[str], stop: frozenset[str]) -> np.ndarray:
    """Per line (columns): `_general_counts`, then spaces, commas and ASCII separators.

    Right for every line whose word characters are all ASCII: any other character cannot be part
    of a word, so each is replaced by '?' and the whole page counted on its bytes at once, each
    byte classified by one table lookup, as `WORD.findall` would count.
    """
    data = "\n".join([*lines, ""]).encode("ascii", "replace")  # each line and its end
    raw = np.frombuffer(data, dtype=np.uint8)
    shape_bytes = data.translate(_SHAPE)
    shape = np.frombuffer(shape_bytes, dtype=np.uint8)
    word = shape != ord(" ")
    first = word.copy()
    first[1:] &= ~word[:-1]
    glued = np.zeros(len(shape), dtype=bool)
    glued[:-1] = (shape[:-1] == ord("a")) & (shape[1:] == ord("A"))
    separator = (raw == ord("|")) | (raw == ord("/"))
    separator[:-2] |= (raw[:-2] == ord(" ")) & (raw[1:-1] == ord(">")) & (raw[2:] == ord(" "))
    marks = np.stack(
        (
            first,
            np.zeros(len(raw), dtype=bool),  # stop words, counted on words below
            first & (shape == ord("A")),
            shape == ord("0"),
            word,
            glued,
            raw == ord(" "),
            raw == ord(","),
            separator,
        )
    )
    length = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    start = np.cumsum(length + 1) - (length + 1)
    # A line's positions run from its start to the next line's; its end byte is never marked.
    counts = np.add.reduceat(marks.view(np.uint8), start, axis=1, dtype=np.int64).T
    for i in np.flatnonzero(length > _GLUED_SPAN).tolist():
        counts[i, 5] = shape_bytes[start[i] : start[i] + _GLUED_SPAN].count(b"aA")
    n_words = counts[:, 0]
    if stop and len(lines):
        words = data.translate(LOWER_WORDS).split()
        is_stop = np.zeros(len(words) + 1, dtype=np.int64)
        is_stop[:-1] = np.fromiter(
            map(_ascii_stopwords(stop).__contains__, words), dtype=bool, count=len(words)
        )
        counts[:, 1] = np.add.reduceat(is_stop, np.cumsum(n_words) - n_words)
        counts[n_words == 0, 1] = 0
    return counts


_LOG1P = np.array([math.log1p(n) for n in range(1 << 12)])
"""log1p of small counts, computed by `math` as the weights were trained with."""


def _log1p(counts: np.ndarray) -> np.ndarray:
    """`math.log1p` of each count: a table lookup, `math` itself for the few large counts."""
    out: np.ndarray = _LOG1P[np.minimum(counts, len(_LOG1P) - 1)]
    for i in np.flatnonzero(counts >= len(_LOG1P)).tolist():
        out[i] = math.log1p(int(counts[i]))
    return out


def page_stats(lines: Sequence[str], stop: frozenset[str]) -> np.ndarray:
    """Context-free features of each line, one row each (see FEATURE_NAMES[1:14])."""
    counts = _page_counts(lines, stop)
    for i in [i for i, line in enumerate(lines) if not line.isascii()]:
        line = lines[i]
        if _needs_general_counts(line):
            counts[i, :6] = _general_counts(line, stop)
        counts[i, 8] = any(s in line for s in _SEPARATORS)
    n_words, stops, titled, digits, letters, glued, spaces, commas, separators = counts.T
    n_chars = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    out = np.zeros((len(lines), len(STAT_NAMES)))
    out[:, 0] = _log1p(n_words)
    out[:, 1] = _log1p(n_chars)
    out[:, 2] = [line.rstrip().endswith(_TERMINAL) for line in lines]
    np.divide(stops, n_words, out=out[:, 3], where=n_words > 0)
    np.divide(titled, n_words, out=out[:, 4], where=n_words > 0)
    np.divide(digits, n_chars, out=out[:, 5], where=n_chars > 0)
    np.divide(np.maximum(n_chars - letters - spaces, 0), n_chars, out=out[:, 6], where=n_chars > 0)
    out[:, 7] = np.minimum(glued, 3) / 3.0
    out[:, 8] = separators > 0
    out[:, 9] = [line[:1] in "-•*·▪◦" for line in lines]
    # 10 (rel_length) and 12 (no_language) are filled in by page_features
    out[:, 11] = np.minimum(commas / (n_words + 1), 1.0)
    return out


def line_stats(line: str, stop: frozenset[str]) -> tuple[float, ...]:
    """Context-free features of one line (see FEATURE_NAMES[1:14])."""
    return tuple(page_stats([line], stop)[0].tolist())


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
    page's prose lies. `has_language`: the page's language is known and has a stop-word list
    (else the stop-word features take a neutral value).
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

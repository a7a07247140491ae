"""py3langid's answer, computed with numpy.

Why: py3langid's `LanguageIdentifier.classify` walks its byte automaton one byte at a time in
pure Python, then gathers the emitted features' rows of its score table. `identify` does the walk
and the counting in a few vectorised numpy steps, and the scoring with py3langid's own numpy
operations on equal operands in the same order, so it returns exactly what `classify` returns:
the same language and a confidence equal as a float, not approximately (the tests compare them on
every sample the cleaner takes from the eval pages, and on generated text).

How the walk is vectorised: the automaton is an Aho-Corasick automaton over byte n-grams, so
after any text its state stands for the longest suffix of the text that starts some n-gram. That
suffix is at most `window` bytes long (the depth of the deepest state, found at load), so the
state after each byte depends only on the `window` bytes ending there: start every position at
state 0 and feed each its own `window` bytes, all positions at once, in `window` numpy steps. The
load checks this on probe texts; the tests prove it for every state and byte of the model.

Costs: ~0.07 ms a call on the cleaner's samples instead of ~0.2 ms (~0.18 ms instead of ~0.4 ms
inside the cleaner, where caches are cold), and ~35 MB more memory per process, mostly the score
table widened from float16 to float32 once at load rather than on every call.

This leans on py3langid's internals (the model arrays on `LanguageIdentifier`, the rules of its
`_encode`, `_raw_score` and `_decide`), hence the pin `py3langid>=0.3,<0.5` in pyproject.toml; the
tests compare with `classify` and fail loudly if an upgrade changes any of it. Should an internal
be missing, `identify` falls back to py3langid's own `classify` rather than fail.
"""

import logging
import math
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray
from py3langid.langid import MODEL_FILE, LanguageIdentifier

LOGGER = logging.getLogger(__name__)

_PROBE = (
    "The quick brown fox jumps over the lazy dog. Été, naïveté, Straße, Ελληνικά, русский язык, "
    "中文字符, 日本語のテキスト, 한국어, العربية, עברית, हिन्दी, ไทย, emoji 🎉🚀 and digits 0123456789."
)
"""Text in many scripts that the windowed walk must get right at load (see `_check`)."""


@dataclass(frozen=True, slots=True)
class _Model:
    """The arrays of py3langid's model that `classify` reads, shaped for vectorised use."""

    nextmove: NDArray[np.uint32]
    """Distinct 256-entry transition rows of the automaton, concatenated (py3langid's array)."""
    rowbase: NDArray[np.intp]
    """State -> offset of its row in `nextmove`."""
    start: NDArray[np.uint32]
    """The row of state 0."""
    keys: NDArray[np.int64]
    """State -> the feature it emits shifted left by 32 bits, or -2**32 if it emits none."""
    window: int
    """The longest n-gram (bytes): the depth of the deepest state."""
    pad: bytes
    """`window - 1` copies of a byte that leaves state 0 where it is, fed before the text."""
    table: NDArray[np.float32]
    """Feature x class log-probabilities (py3langid's float16 table, widened exactly)."""
    prior: NDArray[np.float32]
    """Class log-priors."""
    classes: list[str]
    alias_pairs: list[tuple[int, int]]
    """(first, duplicate) columns of labels that occur twice (scripts of one language)."""


_POSITION_BITS = 32
"""Low bits of a sort key: the position of an emitted feature in the text."""

_scratch = threading.local()
"""Per thread: the float32 buffer the feature rows are gathered into (reused across calls)."""


def identify(sample: str) -> tuple[str, float]:
    """(language, confidence) of `sample`, exactly as py3langid's normalised `classify` says."""
    model = _model()
    text = _encode(sample)
    if model is None or len(text) >= 1 << _POSITION_BITS:
        language, confidence = _fallback()(sample)
        return str(language), float(confidence)
    scores = _scores(model, text)
    # py3langid's `_decide` with norm_probs=True, operation for operation (same float32 bits).
    scores *= 1.0 / math.sqrt(len(text) or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for first, dupe in model.alias_pairs:
        scores[first] += scores[dupe]
        scores[dupe] = 0.0
    best = int(scores.argmax())
    return model.classes[best], float(scores[best])


def _encode(text: str) -> bytes:
    """The bytes py3langid scores: all-caps text lowercased, NFC, UTF-8 (lone surrogates kept)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


def _scores(model: _Model, text: bytes) -> NDArray[np.float32]:
    """Naive Bayes scores of the text's features (py3langid's `_raw_score` under norm_probs)."""
    features, counts = _visits(model, text)
    if not len(features):
        return np.full(len(model.classes), 0.0, dtype=np.float32)
    rows = _rows(len(features), model.table.shape[1])
    np.take(model.table, features, axis=0, out=rows, mode="clip")  # valid indices: "clip" skips a copy
    scores: NDArray[np.float32] = np.log1p(counts) @ rows + model.prior
    return scores


def _rows(n: int, width: int) -> NDArray[np.float32]:
    """A float32 (n, width) view of this thread's scratch buffer, grown as needed."""
    buffer: NDArray[np.float32] | None = getattr(_scratch, "rows", None)
    if buffer is None or buffer.shape[0] < n or buffer.shape[1] != width:
        buffer = _scratch.rows = np.empty((max(n, 1024), width), dtype=np.float32)
    return buffer[:n]


def _states(model: _Model, text: bytes) -> NDArray[np.uint32]:
    """The automaton's state after each byte of `text`, as its sequential walk from state 0 finds.

    Every position starts at state 0 and is fed the `window` bytes that end at it, oldest first:
    step k feeds each position the byte k places after its window's start. Positions near the
    start have shorter windows; the padding fills them with bytes that keep state 0.
    """
    n = len(text)
    data = np.frombuffer(model.pad + text, dtype=np.uint8).astype(np.intp)
    state = model.start[data[:n]]
    for k in range(1, model.window):
        state = model.nextmove[model.rowbase.take(state) + data[k : k + n]]
    return state


def _visits(model: _Model, text: bytes) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """The features the walk emits and their counts, in order of first emission.

    That is the order of py3langid's `Counter`, which fixes the order of the float32 sum of the
    score: the same order gives the same bits.
    """
    # One sort of (feature, position) keys groups equal features, earliest position first;
    # states that emit nothing sort first, below zero.
    keys = model.keys[_states(model, text)]
    keys += np.arange(len(keys), dtype=np.int64)
    keys.sort()
    keys = keys[np.searchsorted(keys, 0) :]
    n = len(keys)
    feature = keys >> _POSITION_BITS
    bounds = np.empty(n + 1, dtype=bool)
    bounds[0] = bounds[n] = True
    np.not_equal(feature[1:], feature[:-1], out=bounds[1:n])
    edges = np.flatnonzero(bounds)
    starts = edges[:-1]
    order = np.argsort(keys[starts] & ((1 << _POSITION_BITS) - 1))
    counts = (edges[1:] - starts).astype(np.float32)
    return feature[starts[order]], counts[order]


@cache
def _fallback() -> Callable[[str], Any]:
    """py3langid's own classifier (normalised), for a py3langid whose internals moved."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True).classify  # type: ignore[no-any-return]


@cache
def _model() -> _Model | None:
    """Load py3langid's model once per process; None if its layout is not the one this reads."""
    try:
        model = _load()
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as error:
        LOGGER.warning("py3langid internals changed (%s); using its own classify", error)
        return None
    if not _check(model):
        LOGGER.warning("py3langid's automaton is not windowed as expected; using its own classify")
        return None
    return model


def _load() -> _Model:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if identifier.min_confidence is not None or identifier.nb_ptc.dtype != np.float16:
        raise ValueError("unexpected model options")
    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}")
    rows = np.frombuffer(identifier.tk_row, dtype=f"u{identifier.tk_row.itemsize}")
    output = np.asarray(identifier.tk_output, dtype=np.int64)
    classes = [str(c) for c in identifier.nb_classes]
    table = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
    if len(rows) != len(output) or len(nextmove) % 256 or nextmove.dtype != np.uint32:
        raise ValueError("automaton arrays disagree")
    if table.shape != (output.max() + 1, len(classes)) or len(identifier.nb_pc) != len(classes):
        raise ValueError("score table does not fit the automaton")
    rowbase = rows.astype(np.intp) << 8
    start = nextmove[rowbase[0] : rowbase[0] + 256]
    keep = np.flatnonzero(start == 0)
    window = _depth(nextmove.reshape(-1, 256), rows)
    if not len(keep):
        raise ValueError("no byte keeps state 0")
    return _Model(
        nextmove=nextmove,
        rowbase=rowbase,
        start=start,
        keys=np.where(output >= 0, output << _POSITION_BITS, -(1 << _POSITION_BITS)),
        window=window,
        pad=bytes([int(keep[-1])]) * (window - 1),
        table=table,
        prior=np.asarray(identifier.nb_pc, dtype=np.float32),
        classes=classes,
        alias_pairs=[(int(i), int(j)) for i, j in identifier._alias_pairs],
    )


def _depth(nextmove: NDArray[np.unsignedinteger[Any]], rows: NDArray[np.unsignedinteger[Any]]) -> int:
    """The largest number of bytes needed to reach a state from state 0 (breadth-first search)."""
    depth = np.full(len(rows), -1, dtype=np.int32)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.intp)
    level = 0
    while len(frontier):
        reached = np.zeros(len(rows), dtype=bool)
        distinct = np.unique(rows[frontier])
        for chunk in range(0, len(distinct), 1024):  # bounded temporaries (1 MB each)
            reached[nextmove[distinct[chunk : chunk + 1024]]] = True
        frontier = np.flatnonzero(reached & (depth < 0))
        level += 1
        depth[frontier] = level
    if (depth < 0).any():
        raise ValueError("unreachable automaton states")
    return int(depth.max())


def _check(model: _Model) -> bool:
    """The windowed walk agrees with the sequential one on `_PROBE` and on every byte value."""
    for text in (_encode(_PROBE), bytes(range(256)) + bytes(range(255, -1, -1))):
        state, expected = 0, []
        for byte in text:
            state = int(model.nextmove[model.rowbase[state] + byte])
            expected.append(state)
        if _states(model, text).tolist() != expected:
            return False
    return True

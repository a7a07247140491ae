"""Shortcuts in smoothing and title matching agree with the plain definitions they replace."""

import itertools
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.cleaning import cleaner
from newsclean.cleaning.model import smooth
from newsclean.cleaning.titles import is_title_repeat

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def path_score(labels: tuple[bool, ...], probabilities: list[float], stay: float, threshold: float) -> float:
    """Log score of one keep/drop sequence under the smoother's model (the Viterbi objective)."""
    half_bias = math.log(threshold / (1.0 - threshold)) / 2
    score = 0.0
    for i, (keep, p) in enumerate(zip(labels, probabilities, strict=True)):
        p = min(max(p, 1e-6), 1.0 - 1e-6)  # noqa: PLW2901 - clamped copy
        if i:
            score += math.log(stay if keep == labels[i - 1] else 1.0 - stay)
        else:
            score += math.log(stay)  # the first line: both states start level, as in `smooth`
        score += math.log(p) - half_bias if keep else math.log(1.0 - p) + half_bias
    return score


@SETTINGS
@given(
    probabilities=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=9),
    stay=st.floats(0.51, 0.95),
    threshold=st.floats(0.05, 0.95),
)
def test_smoothing_finds_the_best_sequence(probabilities: list[float], stay: float, threshold: float) -> None:
    """Brute force over every sequence: the smoother's path scores as high as the best one."""
    labels = tuple(smooth(probabilities, stay, threshold))
    best = max(
        path_score(candidate, probabilities, stay, threshold)
        for candidate in itertools.product((False, True), repeat=len(probabilities))
    )
    assert path_score(labels, probabilities, stay, threshold) >= best - 1e-9


def test_smoothing_keeps_a_lone_line_exactly_above_the_threshold() -> None:
    assert smooth([0.36], 0.6, 0.35) == [True]
    assert smooth([0.34], 0.6, 0.35) == [False]
    # A weak line between strong ones shares their label; a lone strong one between junk stays.
    assert smooth([0.9, 0.3, 0.9], 0.6, 0.35) == [True, True, True]
    assert smooth([0.05, 0.9, 0.05], 0.6, 0.35) == [False, True, False]


def reference_title_repeat(line: str, title: str, similarity: float) -> bool:
    """`is_title_repeat` as first written, on the words of the `\\w+` pattern."""
    norm_title = " ".join(re.findall(r"\w+", title.lower()))
    norm_line = " ".join(re.findall(r"\w+", line.lower()))
    title_words = set(norm_title.split())
    if not norm_line or not norm_title:
        return False
    if norm_line == norm_title or (len(norm_line) >= 20 and norm_line in norm_title):
        return True
    line_words = norm_line.split()
    if len(line_words) > 1.3 * len(title_words) + 3:
        return False
    shared = sum(1 for w in line_words if w in title_words)
    return shared >= similarity * max(len(title_words), len(line_words))


WORDS = st.sampled_from(
    ["Mars", "rocket", "the", "The", "lands", "on", "é", "Ünïcode", "’s", "—", "日本", "a", "2019"]
)
PHRASES = st.lists(WORDS, max_size=16).map(" ".join)


@SETTINGS
@given(line=PHRASES | st.text(max_size=40), title=PHRASES, similarity=st.sampled_from([0.5, 0.8, 1.0]))
def test_title_repeats_match_the_plain_definition(line: str, title: str, similarity: float) -> None:
    assert is_title_repeat(line, title, similarity) == reference_title_repeat(line, title, similarity)


@SETTINGS
@given(title=PHRASES.filter(lambda t: len(re.findall(r"\w", t)) >= 20))
def test_a_line_inside_the_title_is_a_repeat(title: str) -> None:
    assert is_title_repeat(title.upper(), title, 0.8)


SPACY = st.text(alphabet=st.sampled_from([" ", "\t", "\x1f", "\xa0", "\u200b", "a", "B", "é", ".", "\u3000"]))


@SETTINGS
@given(text=SPACY | st.text(max_size=30))
def test_lines_are_normalised_as_by_splitting_into_words(text: str) -> None:
    # Spaces collapse to one space, and a run holding a tab to one tab (a table's cell break).
    for raw in text.splitlines():
        cells = (" ".join(cell.split()) for cell in cleaner._INVISIBLE.sub("", raw).split("\t"))
        assert cleaner._normalised(raw) == "\t".join(cell for cell in cells if cell)

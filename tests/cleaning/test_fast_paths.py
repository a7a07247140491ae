"""The cleaner's fast paths agree with the plain definitions they stand in for.

Speed-ups (byte-level counting, cheap pre-tests before patterns, vectorised features, skipped
rounds) must never change output; these properties pin each shortcut to its reference.
"""

import math
import operator
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.cleaning import features, rules, spans
from newsclean.cleaning.first_char import first_char
from newsclean.cleaning.model import load_model
from newsclean.cleaning.stopwords import stopwords

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the tricky cases: word characters outside ASCII, letters that match ASCII
# ones case-insensitively (long s, Kelvin sign, dotted and dotless i), unspaced scripts,
# separators, rule words.
PIECES = [
    *"aZ_09 ,.;:-?!|/>»•·’”“—()",
    "é",
    "ſ",
    "\u212a",
    "İ",
    "ı",
    "日本",
    "カ・",
    "ไ฿",
    "\u0301",
    "Ab",
    "cD",
    " > ",
    "the ",
    "The ",
    "Getty Images",
    "AP",
    "afp",
    "REUTERS",
    "Photo: ",
    "(Image: ",
    "Read more: ",
    "©",
    "(c) 2020",
    "copyright",
    "cookies",
    "newsletter",
    "Sign up",
    "contributed to this report",
    "Reporting by",
    "your browser",
    "Tags:",
    "By Jane Doe",
    "Home > ",
    "Menu",
]
LINES = st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=40)
STOPS = st.sampled_from([frozenset(), stopwords("en"), stopwords("de"), frozenset({"ab", "é", "the"})])


def reference_stats(line: str, stop: frozenset[str]) -> list[float]:
    """`line_stats` as first written: one regex pass per measurement."""
    words = re.findall(r"\w+", line)
    n_words = features.count_words(line, words)
    n_chars = len(line)
    stops = sum(w.lower() in stop for w in words)
    titled = sum(w[0].isupper() for w in words)
    letters = sum(map(len, words))
    return [
        math.log1p(n_words),
        math.log1p(n_chars),
        1.0 if line.rstrip().endswith(features._TERMINAL) else 0.0,
        stops / n_words if n_words else 0.0,
        titled / n_words if n_words else 0.0,
        sum(map(line.count, "0123456789")) / n_chars if n_chars else 0.0,
        max(n_chars - letters - line.count(" "), 0) / n_chars if n_chars else 0.0,
        min(len(re.findall(r"[a-z][A-Z]", line[:500])), 3) / 3.0,
        1.0 if any(s in line for s in features._SEPARATORS) else 0.0,
        1.0 if line[:1] in "-•*·▪◦" else 0.0,
        0.0,
        min(line.count(",") / (n_words + 1), 1.0),
        0.0,
    ]


@SETTINGS
@given(lines=st.lists(LINES, max_size=8), stop=STOPS)
def test_page_stats_match_per_line_regex_counts(lines: list[str], stop: frozenset[str]) -> None:
    assert features.page_stats(lines, stop).tolist() == [reference_stats(line, stop) for line in lines]


def reference_page_features(stats: list[list[float]], has_language: bool) -> list[list[float]]:
    """`page_features` as a per-line loop, summing left to right as the model was trained."""
    n = len(stats)
    longest = max((s[0] for s in stats), default=1.0) or 1.0
    default_stop = 0.0 if has_language else 0.35
    anchors = [
        s[0] >= math.log1p(features.ANCHOR_MIN_WORDS) and s[2] > 0 and (s[3] >= 0.25 or not has_language)
        for s in stats
    ]
    weights = [math.expm1(s[0]) if a else 0.0 for s, a in zip(stats, anchors, strict=True)]
    total = sum(weights) or 1.0
    before, after = 0.0, total
    out = []
    for i, s in enumerate(stats):
        prev = stats[i - 1] if i > 0 else None
        nxt = stats[i + 1] if i + 1 < n else None
        window = stats[max(0, i - 2) : min(n, i + 3)]
        stop_ratio = s[3] if has_language else default_stop
        after -= weights[i]
        back = min((i - j for j in range(i + 1) if anchors[j]), default=10**9)
        ahead = min((j - i for j in range(i, n) if anchors[j]), default=10**9)
        out.append(
            [
                1.0,
                s[0],
                s[1],
                s[2],
                stop_ratio,
                *s[4:10],
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
                1.0 if (before > 0 and after > 0) or anchors[i] else 0.0,
                min(before, after) / total,
                math.log1p(min(back, ahead, 1000)),
            ]
        )
        before += weights[i]
    return out


@SETTINGS
@given(
    lines=st.lists(LINES | st.sampled_from(["A sentence of prose, " * k + "the end." for k in range(1, 9)]))
)
def test_page_features_match_a_per_line_loop(lines: list[str]) -> None:
    stats = features.page_stats(lines, stopwords("en")).tolist()
    for has_language in (True, False):
        assert features.page_features(stats, has_language).tolist() == reference_page_features(
            stats, has_language
        )


def reference_rule(line: str) -> object:
    """Rules anchored at the line start first, then the others, each in table order."""
    if len(line) > 600:
        return None
    if (first := reference_anchored(line)) is not None:
        return rules._ANCHORED[first][0]
    for reason, pattern in rules.LINE_RULES:
        if not pattern.pattern.startswith("^") and pattern.search(line):
            return reason
    return None


@SETTINGS
@given(line=LINES)
def test_line_rules_on_ascii_lines_need_no_hint_scan(line: str) -> None:
    if line.isascii():
        assert rules.match_rule(line) == reference_rule(line)


def reference_hint_scan(line: str) -> object:
    """Floating rules on a line holding letters that lowercase to no ASCII one: the hint scan."""
    if len(line) > 600:
        return None
    if (first := reference_anchored(line)) is not None:
        return rules._ANCHORED[first][0]
    if rules._FLOATING_HINTS.search(line.lower()):
        return next((reason for reason, pattern in rules._FLOATING if pattern.search(line)), None)
    return None


UNLOWERED_LINES = st.lists(st.sampled_from([*PIECES, "İ", "ı", "ſ", "\u212a", "é", "’"]), max_size=12).map(
    "".join
)


@SETTINGS
@given(line=LINES | UNLOWERED_LINES)
def test_line_rules_on_any_line_match_the_reference(line: str) -> None:
    if any(letter in line.lower() for letter in rules._UNLOWERED):
        assert rules.match_rule(line) == reference_hint_scan(line)
    else:
        assert rules.match_rule(line) == reference_rule(line)


@SETTINGS
@given(line=LINES)
def test_span_pre_tests_never_hide_a_match(line: str) -> None:
    start = max(0, len(line) - spans._TAIL_WINDOW)
    if spans._TAIL.search(line, start):
        assert line.find(":", start) != -1
    if spans._GLUED_CREDIT.search(line, start):
        assert spans._may_end_with_credit(line)


@SETTINGS
@given(line=LINES | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_lower_words_match_the_word_pattern(line: str) -> None:
    assert features.lower_words(line) == " ".join(re.findall(r"\w+", line.lower()))


@SETTINGS
@given(
    lines=st.lists(LINES | st.sampled_from(["A sentence of prose, " * k + "the end." for k in range(1, 9)]))
)
def test_model_scores_match_a_per_line_dot_product(lines: list[str]) -> None:
    model = load_model()
    vectors = features.page_features(features.page_stats(lines, stopwords("en")), True)
    expected = []
    for row in vectors.tolist():
        z = sum(map(operator.mul, model.weights, row))
        expected.append(0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z)))
    assert model.probabilities(vectors) == expected


def reference_anchored(line: str) -> int | None:
    """The first rule anchored at the line start that matches, trying all of them."""
    return next((i for i, (_, pattern) in enumerate(rules._ANCHORED) if pattern.match(line)), None)


@SETTINGS
@given(line=LINES | st.sampled_from(PIECES).flatmap(lambda piece: st.text(max_size=20).map(piece.__add__)))
def test_anchored_rules_by_first_character_miss_no_match(line: str) -> None:
    joined = rules._ANCHORED_INDEX.for_first(line[:1])
    match = joined.match(line) if joined is not None else None
    assert (int(match.lastgroup[1:]) if match and match.lastgroup else None) == reference_anchored(line)


def test_first_characters_of_a_pattern() -> None:
    first = first_char(re.compile(r"^\W{0,3}(?:\d+\s+)?(?:comments|(?-i:Reply))", re.IGNORECASE))
    assert first is not None
    assert [c for c in "#5cCſrR x" if first.match(c)] == ["#", "5", "c", "C", "R", " "]
    assert first_char(re.compile(r"^(?:menu)?$")) is None  # matches an empty line
    assert first_char(re.compile(r"^.x")) is None  # any character


def test_line_rules_on_letters_paired_with_ascii_ones() -> None:
    for line in ("Please enable JavaScrİpt", "Our newſletter", "We use cookıes", "\u212aoo", "Cookie café"):
        expected = reference_hint_scan(line) if any(c in line for c in "İıſ") else reference_rule(line)
        assert rules.match_rule(line) == expected


@SETTINGS
@given(
    line=LINES
    | st.sampled_from(["• Jane Doe", "12 Comments", "Related Stories", "- item", "About the author"])
)
def test_role_marks_match_each_test(line: str) -> None:
    assert rules.role_marks(line) == (
        rules.is_related_header(line),
        rules.BULLET.match(line) is not None,
        len(line) < 600 and rules.AUTHOR_BIO.match(line) is not None,
        rules.is_comments_header(line),
        rules.is_end_header(line),
        rules.is_stray_name(line),
    )

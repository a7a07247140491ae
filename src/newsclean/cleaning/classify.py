"""One classification round: every line of a page gets keep (None) or the reason it goes.

Hard rules speak first (their reasons are the most specific); the learned scorer rates the rest,
a Viterbi pass smooths the ratings along the page, the comment section is cut, and repeated lines
are kept once.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsclean.cleaning import rules
from newsclean.cleaning.config import CleanerConfig
from newsclean.cleaning.crosspage import line_key
from newsclean.cleaning.features import FEATURE_NAMES, line_stats, page_features
from newsclean.cleaning.model import load_model, smooth
from newsclean.cleaning.stopwords import detect_language, stopwords
from newsclean.cleaning.titles import is_title_repeat
from newsclean.reasons import Reason

Verdicts = list[Reason | None]
"""Per line: None to keep it, else why it goes."""

_LOG_WORDS, _TERMINAL, _STOP_RATIO = (FEATURE_NAMES.index(n) for n in ("log_words", "terminal", "stop_ratio"))


@dataclass(slots=True)
class Memo:
    """What a page's lines are regardless of their neighbours, kept across cleaning rounds.

    Later rounds see the same line objects minus the removed ones; form rules and line features
    depend on the line alone, so each is computed once per distinct line (most of a round's cost).
    """

    form: dict[str, Reason | None] = field(default_factory=dict)
    stats: dict[tuple[str, str | None], tuple[float, ...]] = field(default_factory=dict)
    title_repeat: dict[tuple[str, str], bool] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()
    """`crosspage.line_key` of lines known to recur across the site's pages."""

    def word_counts(self, lines: Sequence[str]) -> list[int]:
        """Whitespace-separated words of each line."""
        counts = self.words
        out: list[int] = []
        for line in lines:
            count = counts.get(line)
            if count is None:
                count = counts[line] = len(line.split())
            out.append(count)
        return out


def _form_rule(line: str, boilerplate: frozenset[str]) -> Reason | None:
    """The rules that read one line and nothing else (and the site's template lines)."""
    if boilerplate and line_key(line) in boilerplate:
        return Reason.REPEATED_ACROSS_PAGES
    if (reason := rules.match_rule(line)) is not None:
        return reason
    if rules.is_stray_name(line):
        return Reason.BYLINE
    return None


END_MARKERS = frozenset({Reason.SHARE_WIDGET, Reason.TAG_LIST, Reason.RELATED_LIST})
"""Rule reasons whose line, below most of the story, marks the end of the article."""


def _rule_for(
    lines: Sequence[str], i: int, title: str | None, config: CleanerConfig, memo: Memo
) -> Reason | None:
    line = lines[i]
    if title:
        key = (line, title)
        repeat = memo.title_repeat.get(key)
        if repeat is None:
            repeat = memo.title_repeat[key] = is_title_repeat(line, title, config.title_similarity)
        if repeat:
            return Reason.TITLE_REPEAT
    if line in memo.form:
        reason = memo.form[line]
    else:
        reason = memo.form[line] = _form_rule(line, memo.boilerplate)
    if reason is None and rules.is_author_bio(line, i / len(lines)):
        return Reason.AUTHOR_BIO
    return reason


def apply_rules(
    lines: Sequence[str], title: str | None, config: CleanerConfig, memo: Memo | None = None
) -> Verdicts:
    """Verdicts of the hard rules alone (None: no rule applies)."""
    memo = memo if memo is not None else Memo()
    verdicts: Verdicts = [None] * len(lines)
    i = 0
    while i < len(lines):
        if rules.is_related_header(lines[i]):
            end = rules.list_run_end(lines, i + 1, config.related_run_max_words)
            verdicts[i:end] = [Reason.RELATED_LIST] * (end - i)
            i = end
            continue
        verdicts[i] = _rule_for(lines, i, title, config, memo)
        if verdicts[i] is Reason.TAG_LIST:
            while (
                i + 1 < len(lines)
                and rules.BULLET.match(lines[i + 1])
                and len(lines[i + 1].split()) <= config.tag_item_max_words
            ):
                i += 1
                verdicts[i] = Reason.TAG_LIST
        i += 1
    return verdicts


def _prose_floor(vector: Sequence[float], config: CleanerConfig) -> float:
    """A long, complete sentence in the page's language is content whatever surrounds it.

    The learned scorer leans on context (benchmark pages are long), which would sink the one
    paragraph of a short record; on short pages this floor keeps such paragraphs. (On long pages
    it cost 0.004 dev F1: long sentences in footers and promos are common there.)
    """
    long_enough = vector[_LOG_WORDS] >= math.log1p(config.prose_floor_min_words)
    sentence = vector[_TERMINAL] > 0
    wordy = vector[_STOP_RATIO] >= config.prose_floor_min_stop_ratio
    return config.prose_floor_probability if long_enough and sentence and wordy else 0.0


def _stats(lines: Sequence[str], language: str | None, memo: Memo) -> list[tuple[float, ...]]:
    stop = stopwords(language)
    out: list[tuple[float, ...]] = []
    for line in lines:
        key = (line, language)
        found = memo.stats.get(key)
        if found is None:
            found = memo.stats[key] = line_stats(line, stop)
        out.append(found)
    return out


def _score(
    lines: Sequence[str], verdicts: Verdicts, config: CleanerConfig, memo: Memo
) -> tuple[list[bool], str | None]:
    """Smoothed keep flags from the learned scorer, and the page's language."""
    language = detect_language(lines, config.min_language_confidence)
    if not config.score_lines:
        return [True] * len(lines), language
    vectors = page_features(_stats(lines, language, memo), language is not None)
    model = load_model()
    short_page = len(lines) < config.short_page_lines
    probabilities = [
        config.rule_line_probability
        if verdict is not None
        else max(model.probability(vector), _prose_floor(vector, config) if short_page else 0.0)
        for vector, verdict in zip(vectors, verdicts, strict=True)
    ]
    return smooth(probabilities, config.stay_probability, config.keep_threshold), language


_MODEL_REASONS = (None, Reason.OUTSIDE_CONTENT, Reason.LOW_CONTENT_SCORE)


def _cut_comments(lines: Sequence[str], verdicts: Verdicts, words: Sequence[int], after: int) -> None:
    """Drop everything from the comment section's header on, once the article has started."""
    total = sum(n for n, v in zip(words, verdicts, strict=True) if v is None)
    seen = 0
    for i, line in enumerate(lines):
        if verdicts[i] is None:
            seen += words[i]
        if total and seen >= min(after, total / 2) and rules.is_comments_header(line):
            verdicts[i:] = [Reason.COMMENTS if v in _MODEL_REASONS else v for v in verdicts[i:]]
            return


def _cut_after_end(lines: Sequence[str], verdicts: Verdicts, words: Sequence[int], min_share: float) -> None:
    """Drop what follows the article's end: a share bar, tag list, related list or author box.

    Such a widget closes the story; what the scorer still keeps below it is mostly teasers, promos
    and footers (dev, below a widget past 60% of the kept words: 6,300 junk words
    against 800 story words, all of them below a related list; +0.005 F1). A widget higher up is
    a top-of-page bar, and only it is removed. A 'Read more' or 'See also' pointer is a link
    set inside the story, and does not end it.
    """
    total = sum(n for n, v in zip(words, verdicts, strict=True) if v is None)
    seen = 0
    for i, n in enumerate(words):
        if verdicts[i] is None:
            seen += n
        elif (
            total
            and seen >= min_share * total
            and (
                (verdicts[i] in END_MARKERS and not rules.is_inline_pointer(lines[i]))
                or rules.is_end_header(lines[i])
            )
        ):
            verdicts[i + 1 :] = [Reason.OUTSIDE_CONTENT if v is None else v for v in verdicts[i + 1 :]]
            return


def classify(
    lines: Sequence[str], title: str | None, config: CleanerConfig, memo: Memo | None = None
) -> tuple[Verdicts, str | None]:
    """One full round over a page's lines: verdicts, and the language they were judged in.

    Pass the same `memo` to every round of a page to reuse per-line work.
    """
    memo = memo if memo is not None else Memo()
    verdicts = apply_rules(lines, title, config, memo)
    keep, language = _score(lines, verdicts, config, memo)
    kept_at = [i for i, k in enumerate(keep) if k and verdicts[i] is None]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (len(lines), -1)
    for i, k in enumerate(keep):
        if not k and verdicts[i] is None:
            verdicts[i] = Reason.OUTSIDE_CONTENT if i < first or i > last else Reason.LOW_CONTENT_SCORE
    words = memo.word_counts(lines)
    if config.score_lines:
        _cut_comments(lines, verdicts, words, config.comments_after_words)
        _cut_after_end(lines, verdicts, words, config.end_marker_min_share)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if verdicts[i] is None and words[i] >= config.duplicate_min_words:
            if line in seen:
                verdicts[i] = Reason.DUPLICATE_LINE
            seen.add(line)
    return verdicts, language

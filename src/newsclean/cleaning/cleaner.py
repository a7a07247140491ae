"""`clean_text`: one page of visible text in, its article body and an audit trail out.

The passes, in order:

1. split into lines (blank lines separate paragraphs), strip invisible characters, cap the size;
2. cut spans glued inside lines (hover cards, credits, "Read more:" tails);
3. hard rules decide lines whose form alone tells what they are (breadcrumbs, share bars, tag
   lists, related-article lists, bios, title repeats);
4. the learned scorer rates every remaining line, and a Viterbi pass smooths the ratings along
   the page into keep/drop;
5. kept lines become paragraphs; every dropped line and cut span is a `Removal` with its reason.
"""

import math
import re
from dataclasses import dataclass, field

from newsclean.cleaning import rules
from newsclean.cleaning.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.cleaning.features import FEATURE_NAMES, page_features
from newsclean.cleaning.model import load_model, smooth
from newsclean.cleaning.result import CleanResult, LineVerdict, Removal
from newsclean.cleaning.spans import apply_cuts, find_cuts
from newsclean.cleaning.stopwords import detect_language, stopwords
from newsclean.cleaning.titles import is_title_repeat, looks_like_headline, refine_title
from newsclean.reasons import Reason

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_RULE_PROBABILITY = 0.02
"""What the smoother is told about a line a hard rule removed: almost surely not content."""
_HEADLINE_LOOKBACK = 6
_HEADLINE_BODY_MIN_WORDS = 15


@dataclass(slots=True)
class _Page:
    """Working state of one page: its non-blank lines and what each pass decided."""

    index: list[int] = field(default_factory=list)  # input line number of each line
    text: list[str] = field(default_factory=list)  # line after span cuts
    reason: list[Reason | None] = field(default_factory=list)  # hard-rule verdict
    removed: list[Removal] = field(default_factory=list)


def _split(text: str, config: CleanerConfig) -> tuple[list[str], list[Removal]]:
    removed: list[Removal] = []
    if len(text) > config.max_text_chars:
        tail = len(text) - config.max_text_chars
        text = text[: config.max_text_chars]
        note = f"[{tail} characters beyond the {config.max_text_chars}-character cap]"
        removed.append(Removal(Reason.SIZE_CAP, note, "line", text.count("\n") + 1))
    return text.splitlines(), removed


def _prepare(raw_lines: list[str], config: CleanerConfig) -> _Page:
    page = _Page()
    for number, raw in enumerate(raw_lines):
        line = _SPACES.sub(" ", _INVISIBLE.sub("", raw)).strip()
        if not line:
            continue
        if len(line) <= config.max_line_chars:
            cuts = find_cuts(line)
            for cut in cuts:
                page.removed.append(Removal(cut.reason, line[cut.start : cut.end], "span", number))
            line = apply_cuts(line, cuts)
        page.index.append(number)
        page.text.append(line)
        page.reason.append(None)
    return page


def _apply_rules(page: _Page, title: str | None, config: CleanerConfig) -> None:
    n = len(page.text)
    i = 0
    while i < n:
        line = page.text[i]
        if page.reason[i] is None:
            if title and is_title_repeat(line, title, config.title_similarity):
                page.reason[i] = Reason.TITLE_REPEAT
            elif rules.is_related_header(line):
                end = rules.list_run_end(page.text, i + 1, config.related_run_max_words)
                for j in range(i, end):
                    page.reason[j] = Reason.RELATED_LIST
                i = end
                continue
            elif (reason := rules.match_rule(line)) is not None:
                page.reason[i] = reason
                if reason is Reason.TAG_LIST:
                    j = i + 1
                    while j < n and rules.BULLET.match(page.text[j]) and len(page.text[j].split()) <= 6:
                        page.reason[j] = Reason.TAG_LIST
                        j += 1
            elif rules.is_author_bio(line, i / n):
                page.reason[i] = Reason.AUTHOR_BIO
            elif rules.is_stray_name(line):
                page.reason[i] = Reason.BYLINE
        i += 1


_SHORT_PAGE_LINES = 15
"""Below this many lines a page gives the scorer too little context: the prose floor applies."""
_PROSE_FLOOR = 0.85
_PROSE_MIN_LOG_WORDS = math.log1p(20)
_PROSE_MIN_STOP_RATIO = 0.3


def _prose_floor(vector: list[float]) -> float:
    """A long, complete sentence in the page's language is content whatever surrounds it.

    The learned scorer leans on context (benchmark pages are long), which would sink the one
    paragraph of a short record; on short pages this floor keeps such paragraphs. (On long pages
    it cost 0.004 dev F1: long sentences in footers and promos are common there.)
    """
    long_enough = vector[FEATURE_NAMES.index("log_words")] >= _PROSE_MIN_LOG_WORDS
    sentence = vector[FEATURE_NAMES.index("terminal")] > 0
    wordy = vector[FEATURE_NAMES.index("stop_ratio")] >= _PROSE_MIN_STOP_RATIO
    return _PROSE_FLOOR if long_enough and sentence and wordy else 0.0


def _score(page: _Page, config: CleanerConfig) -> tuple[list[bool], str | None]:
    language = detect_language(page.text, config.min_language_confidence)
    vectors = page_features(page.text, stopwords(language), language is not None)
    model = load_model()
    short_page = len(page.text) < _SHORT_PAGE_LINES
    probabilities = [
        _RULE_PROBABILITY
        if reason is not None
        else max(model.probability(vector), _prose_floor(vector) if short_page else 0.0)
        for vector, reason in zip(vectors, page.reason, strict=True)
    ]
    keep = smooth(probabilities, config.stay_probability, config.keep_threshold)
    return [k and r is None for k, r in zip(keep, page.reason, strict=True)], language


COMMENTS_AFTER_WORDS = 150
"""A comment-section header ends the article only once this many kept words (or half of them, on
a short page) are behind it, so a 'Comments (12)' link above the story does not empty it."""


def _cut_comments(page: _Page, keep: list[bool]) -> None:
    """Drop everything from the comment section's header on, once the article is mostly behind."""
    total = sum(len(page.text[i].split()) for i, k in enumerate(keep) if k)
    seen = 0
    for i, line in enumerate(page.text):
        if keep[i]:
            seen += len(line.split())
        if total and seen >= min(COMMENTS_AFTER_WORDS, total / 2) and rules.is_comments_header(line):
            for j in range(i, len(page.text)):
                keep[j] = False
                if page.reason[j] is None:
                    page.reason[j] = Reason.COMMENTS
            return


def _drop_reason(page: _Page, i: int, first: int, last: int) -> Reason:
    reason = page.reason[i]
    if reason is not None:
        return reason
    if i < first or i > last:
        return Reason.OUTSIDE_CONTENT
    return Reason.LOW_CONTENT_SCORE


def _find_headline(page: _Page, keep: list[bool]) -> str | None:
    """The page's headline when none was given: a headline-shaped first kept line followed by
    prose (then dropped as the title, which bodies exclude), else the dropped headline-shaped
    line just above the first kept paragraph."""
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return None
    first = kept[0]
    if (
        len(kept) > 1
        and looks_like_headline(page.text[first])
        and len(page.text[kept[1]].split()) >= _HEADLINE_BODY_MIN_WORDS
    ):
        keep[first] = False
        page.reason[first] = Reason.TITLE_REPEAT
        return page.text[first]
    for i in range(first - 1, max(first - _HEADLINE_LOOKBACK, 0) - 1, -1):
        if looks_like_headline(page.text[i]) and page.reason[i] in (None, Reason.TITLE_REPEAT):
            return page.text[i]
    return None


def clean_text(text: str, title: str | None = None, config: CleanerConfig | None = None) -> CleanResult:
    """Clean one page: the article body, its title, its language and why everything else went.

    Never raises on any string; the same text with the same title always gives the same result.
    """
    config = config or DEFAULT_CONFIG
    raw_lines, capped = _split(text, config)
    page = _prepare(raw_lines, config)
    title = refine_title(title.strip() if title else None, page.text)
    _apply_rules(page, title, config)
    keep, language = _score(page, config)
    _cut_comments(page, keep)
    if title is None:
        title = _find_headline(page, keep)
    seen: set[str] = set()
    for i, line in enumerate(page.text):
        if keep[i] and line in seen:
            keep[i] = False
            page.reason[i] = Reason.DUPLICATE_LINE
        elif keep[i]:
            seen.add(line)
    kept_at = [i for i, k in enumerate(keep) if k]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (len(keep), -1)
    verdicts: list[LineVerdict] = []
    removed: list[Removal] = list(page.removed)
    position = {number: i for i, number in enumerate(page.index)}
    for number, raw in enumerate(raw_lines):
        i = position.get(number)
        if i is None:
            verdicts.append(LineVerdict(number, raw, keep=False))
        elif keep[i]:
            verdicts.append(LineVerdict(number, raw, keep=True, kept_text=page.text[i]))
        else:
            reason = _drop_reason(page, i, first, last)
            verdicts.append(LineVerdict(number, raw, keep=False, reason=reason))
            removed.append(Removal(reason, page.text[i], "line", number))
    removed.sort(key=lambda r: (r.line, r.kind == "line"))
    body = "\n\n".join(page.text[i] for i in kept_at)
    return CleanResult(
        text=body,
        title=title,
        language=language,
        removed=(*removed, *capped),
        verdicts=tuple(verdicts),
    )

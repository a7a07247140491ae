"""One classification round: every line of a page gets keep (None) or the reason it goes.

Hard rules speak first (their reasons are the most specific); the learned scorer rates the rest,
a Viterbi pass smooths the ratings along the page, the comment section is cut, and repeated lines
are kept once. A round reads what each line is on its own from `facts.PageLines`, worked out once
per page, and only recomputes what depends on which lines are still on the page.
"""

import math
import re
from collections.abc import Sequence

import numpy as np

from newsclean.cleaning import rules
from newsclean.cleaning.config import CleanerConfig
from newsclean.cleaning.facts import PageLines
from newsclean.cleaning.features import FEATURE_NAMES, STAT_NAMES, page_features
from newsclean.cleaning.model import load_model, smooth
from newsclean.cleaning.stopwords import stopwords
from newsclean.reasons import Reason

Verdicts = list[Reason | None]
"""Per line: None to keep it, else why it goes."""

_LOG_WORDS, _TERMINAL, _STOP_RATIO = (FEATURE_NAMES.index(n) for n in ("log_words", "terminal", "stop_ratio"))
_STAT_STOP, _STAT_TITLED = (STAT_NAMES.index(n) for n in ("stop_ratio", "title_ratio"))


END_MARKERS = frozenset({Reason.SHARE_WIDGET, Reason.TAG_LIST, Reason.RELATED_LIST})
"""Rule reasons whose line, below most of the story, marks the end of the article."""
_FOOTER_END_MAX_WORDS = 30
"""Longest copyright or reuse line taken as the page's footer: a longer one is a story's own
paragraph about copyright, which says nothing about where the article ends."""
_FOOTER_PROSE_MIN_WORDS = 10
_FOOTER_PROSE_MIN_STOP_RATIO = 0.4
_FOOTER_PROSE_MAX_TITLED = 0.2
"""A copyright line of this many words, this wordy and with this few capitalised words is a
sentence of a story about copyright ('All rights reserved notices made no difference, she
added, …'), not a footer: footers are names, years and capitalised notices ('© 2025 Example
Media Ltd. All rights reserved.', 0.5 or more of their words capitalised; the wire's 'Copyright
2025 The Associated Press. All rights reserved. This material may not be …', 0.33)."""


def _rule_verdicts(page: PageLines, active: Sequence[int], title: str | None) -> Verdicts:
    """Verdicts of the hard rules alone on the page's `active` lines (None: no rule applies).

    Most lines are judged by their form (or as the title's repeat); the few that start a related
    list or a tag list, or read like an author's bio, are then settled in page order: a list
    takes the lines below it (a related list up to the first line of prose, or up to a headline
    over a byline: the story's own, where a box of other stories runs into it), and a bio counts
    only below the first fifth of the page.
    """
    form = page.form
    if title:
        repeats = page.title_repeats(title, active)
        verdicts = [Reason.TITLE_REPEAT if r else form[i] for r, i in zip(repeats, active, strict=True)]
    else:
        verdicts = [form[i] for i in active]
    n = len(active)
    if page.teaser is not None:
        _mark_teaser_runs([page.teaser[i] for i in active], verdicts)
    taken = 0  # lines above this position belong to a list settled already
    byline = Reason.BYLINE
    for at in np.flatnonzero(page.special[active]).tolist():
        i = active[at]
        if at < taken:
            continue
        if page.related[i]:
            taken = at + 1
            while taken < n and not page.run_stop[active[taken]]:
                if taken + 1 < n and form[active[taken + 1]] is byline:
                    break
                taken += 1
            verdicts[at:taken] = [Reason.RELATED_LIST] * (taken - at)
        elif verdicts[at] is Reason.TAG_LIST:
            taken = at + 1
            while taken < n and page.tag_item[active[taken]]:
                verdicts[taken] = Reason.TAG_LIST
                taken += 1
        elif verdicts[at] is None and page.bio[i] and at / n > 0.2:
            verdicts[at] = Reason.AUTHOR_BIO
    return verdicts


_TEASER_RUN_MIN = 2


def _mark_teaser_runs(teaser: Sequence[bool], verdicts: Verdicts) -> None:
    """Runs of teaser cards (a carousel of other stories) go as a related list.

    A lone one is left to the scorer: a dump may glue the page's own headline to its first
    paragraph the same way.
    """
    start = None
    for at, card in enumerate([*teaser, False]):
        if card and verdicts[at] is None:
            start = at if start is None else start
            continue
        if start is not None and at - start >= _TEASER_RUN_MIN:
            verdicts[start:at] = [Reason.RELATED_LIST] * (at - start)
        start = None


def apply_rules(lines: Sequence[str], title: str | None, config: CleanerConfig) -> Verdicts:
    """Verdicts of the hard rules alone (None: no rule applies)."""
    return _rule_verdicts(PageLines(lines, config, frozenset()), list(range(len(lines))), title)


def _prose_lines(vectors: np.ndarray, config: CleanerConfig, min_words: int) -> np.ndarray:
    """Which lines the prose floor lifts: complete sentences in the page's language.

    Such a line is content whatever surrounds it. The learned scorer leans on context (benchmark
    pages are long), which would sink the one paragraph of a short record; on short pages this
    floor keeps such paragraphs, down to a news brief's one-sentence paragraphs (`min_words` is
    lower on a short record: it has no run of teasers or footer blurbs for the floor to lift).
    (On long pages it cost 0.004 dev F1: long sentences in footers and promos are common there.)
    So it does on a long page whose story is mostly short lines, with one or two long sentences
    in all: a recipe's or a spec sheet's introduction, followed by its ingredients or specs, was
    dropped with them.
    """
    lifted: np.ndarray = (
        (vectors[:, _LOG_WORDS] >= math.log1p(min_words))
        & (vectors[:, _TERMINAL] > 0)
        & (vectors[:, _STOP_RATIO] >= config.prose_floor_min_stop_ratio)
    )
    return lifted


def _score(
    page: PageLines, active: Sequence[int], verdicts: Verdicts, config: CleanerConfig
) -> tuple[list[bool], str | None]:
    """Smoothed keep flags from the learned scorer, and the language of the active lines."""
    alive = np.zeros(len(page.text), dtype=bool)
    alive[active] = True
    language = page.language(alive.tolist())
    if not config.score_lines:
        return [True] * len(active), language
    # Stop-word features mean something only where the language has a list: a Chinese or Japanese
    # page scored with a ratio of 0 read as a menu throughout and was emptied.
    vectors = page_features(page.stats(language)[active], bool(stopwords(language)))
    probabilities = load_model().probabilities(vectors)
    # A short record (a news brief) has shorter paragraphs than the short remainder of a long
    # page in a later round, whose short lines are headlines the first round let through.
    brief = len(page.text) < config.short_page_lines
    min_words = config.short_page_prose_min_words if brief else config.prose_floor_min_words
    lifted = _prose_lines(vectors, config, min_words)
    if len(active) < config.short_page_lines or np.count_nonzero(lifted) <= config.thin_page_prose_lines:
        floor = config.prose_floor_probability
        probabilities = [
            max(p, floor) if up else p for p, up in zip(probabilities, lifted.tolist(), strict=True)
        ]
    rule = config.rule_line_probability
    probabilities = [rule if v is not None else p for p, v in zip(probabilities, verdicts, strict=True)]
    return smooth(probabilities, config.stay_probability, config.keep_threshold), language


_MODEL_REASONS = (None, Reason.OUTSIDE_CONTENT, Reason.LOW_CONTENT_SCORE)
_SCORER_DROPS = (Reason.OUTSIDE_CONTENT, Reason.LOW_CONTENT_SCORE)
_INSIDE = (None, Reason.LOW_CONTENT_SCORE)
"""Kept, or dropped by the scorer between kept lines."""


def _cut_comments(comments: Sequence[bool], verdicts: Verdicts, words: Sequence[int], after: int) -> None:
    """Drop everything from the comment section's header on, once the article has started."""
    total = sum(n for n, v in zip(words, verdicts, strict=True) if v is None)
    if not total:
        return
    threshold = min(after, total / 2)
    seen = 0
    for i, header in enumerate(comments):
        if verdicts[i] is None:
            seen += words[i]
        if header and seen >= threshold:
            verdicts[i:] = [Reason.COMMENTS if v in _MODEL_REASONS else v for v in verdicts[i:]]
            return


def _lone_header(lines: Sequence[str], verdicts: Verdicts, i: int) -> bool:
    """A 'More …' header with no list under it: a story's subheading ('More Trouble Ahead').

    Only 'More …' headers read like a story's own subheadings; 'Related' or 'Most read' above
    teaser sentences (which end the list at once) still end the article.
    """
    return (
        verdicts[i] is Reason.RELATED_LIST
        and lines[i][:5].lower() == "more "
        and (i + 1 == len(verdicts) or verdicts[i + 1] is not Reason.RELATED_LIST)
    )


def _prose(page: PageLines, active: Sequence[int], language: str | None, words: Sequence[int]) -> list[bool]:
    """Which active lines read as a story's sentences (wordy, few capitalised words)."""
    stats = page.stats(language)[active]
    prose: list[bool] = (
        (stats[:, _STAT_STOP] >= _FOOTER_PROSE_MIN_STOP_RATIO)
        & (stats[:, _STAT_TITLED] <= _FOOTER_PROSE_MAX_TITLED)
        & (np.asarray(words) >= _FOOTER_PROSE_MIN_WORDS)
    ).tolist()
    return prose


def _cut_after_end(
    lines: Sequence[str],
    end_headers: Sequence[bool],
    verdicts: Verdicts,
    words: Sequence[int],
    prose: Sequence[bool],
    min_share: float,
) -> None:
    """Drop what follows the article's end: a share bar, tag list, related list, author box or footer.

    Such a widget closes the story; what the scorer still keeps below it is mostly teasers, promos
    and footers (dev, below a widget past 60% of the kept words: 6,300 junk words
    against 800 story words, all of them below a related list; +0.005 F1). A widget higher up is
    a top-of-page bar, and only it is removed. A 'Read more' or 'See also' pointer is a link
    set inside the story, and does not end it; nor does a 'More …' header with no list under it,
    which is the story's own subheading ('More Trouble Ahead' above a paragraph). A short
    copyright line below most of the story is the site's footer: what the scorer keeps under it
    is the footer's own links and blurbs (dev: +0.001 F1); unless it names a picture ('Copyright
    2024 Getty Images'): photos and their credits sit anywhere in a story; or reads as prose
    (`prose`, read only at copyright lines): a story's own sentence about copyright.
    """
    total = sum(n for n, v in zip(words, verdicts, strict=True) if v is None)
    if not total:
        return
    threshold = min_share * total
    seen = 0
    for i, v in enumerate(verdicts):
        if v is None:
            seen += words[i]
        elif seen >= threshold and (
            (
                v in END_MARKERS
                and not rules.is_inline_pointer(lines[i])
                and not _lone_header(lines, verdicts, i)
            )
            or (
                v is Reason.LEGAL_FOOTER
                and words[i] <= _FOOTER_END_MAX_WORDS
                and not rules.is_picture_rights(lines[i])
                and not prose[i]
            )
            or end_headers[i]
        ):
            verdicts[i + 1 :] = [Reason.OUTSIDE_CONTENT if v is None else v for v in verdicts[i + 1 :]]
            return


_LIST_ITEM_DROPS = (*_SCORER_DROPS, Reason.DATELINE)
"""What a colon-introduced list takes back: the scorer's drops, and bare dates ('Saturday, March
15, 10 a.m.' under 'A service will be held on:'), which a date rule removes anywhere else."""
_LIST_ITEM_MAX_WORDS = 30
"""Longest line (words) taken as an item of a list that a kept line ending in a colon opens."""
_LIST_MAX_ITEMS = 60
"""Most lines a colon-introduced list takes back."""
_LABEL_MAX_WORDS = 4
_LABEL_MAX_ITEMS = 10
"""A dropped label ('Services:') opening a list: its longest length, and most items it takes back."""
_WIDGET_LABEL = re.compile(
    r"\b(?:related|reads?|reading|contacts?|connect(?:ed)?|follow|share|social|more|menu|links?|tags?|"
    r"topics?|categor(?:y|ies)|resources|explore|newsletters?|subscribe|sign|about|posts?|posted|sponsored|"
    r"watch|listen|published|updated|archives?|recent|latest|popular|trending|next|previous|search)\b",
    re.IGNORECASE,
)
"""Labels of a site's own boxes ('Related reads:', 'Media contact:', 'Stay connected:'): their
lines are links and addresses, not a list the story goes on with."""


def _keep_colon_lists(lines: Sequence[str], verdicts: Verdicts, words: Sequence[int]) -> None:
    """Keep the short lines that a kept line ending in a colon introduces ('dates:', 'including:').

    The scorer sinks such lists (short, unpunctuated, like menus), but a kept sentence that
    announces a list is followed by it (dev: 230 body words in such runs against 9 of junk). The
    run is the scorer's drops (and bare dates) right below the colon line, up to the first line a
    rule removed, a kept line or a line too long to be an item. A short label the scorer dropped
    right under the story's last kept line opens such a list too ('Services:' over an obituary's
    times and places; dev +0.0002 F1), unless it labels one of the site's boxes.
    """
    taken = 0  # lines below this were taken back as items: none of them opens a list of its own
    for i, verdict in enumerate(verdicts):
        if i < taken or not lines[i].endswith(":"):
            continue
        # A short label right under a kept line ('Services:' below an obituary's last paragraph)
        # opens a list too, when the scorer dropped it with its items.
        label = (
            verdict in _SCORER_DROPS
            and i > 0
            and verdicts[i - 1] is None
            and words[i] <= _LABEL_MAX_WORDS
            and _WIDGET_LABEL.search(lines[i]) is None
        )
        if verdict is None or label:
            end = min(i + 1 + (_LABEL_MAX_ITEMS if label else _LIST_MAX_ITEMS), len(verdicts))
            j = i + 1
            while j < end and verdicts[j] in _LIST_ITEM_DROPS and words[j] <= _LIST_ITEM_MAX_WORDS:
                j += 1
            if j > i + 1:
                verdicts[i:j] = [None] * (j - i)
                taken = j


def _keep_references(headers: Sequence[int], verdicts: Verdicts) -> None:
    """Keep a story's list of references: a 'References' or 'Sources' header and the lines below it.

    Its items are titles of other works, which read like a related list's headlines, so the
    scorer drops them; inside the story (a `low_content_score` drop, between kept lines) they
    are its sources. The run ends at the first line dropped for another reason. `headers`: the
    positions of such headers among the round's lines.
    """
    for i in headers:
        if verdicts[i] in _INSIDE:
            j = i + 1
            while j < len(verdicts) and verdicts[j] in _INSIDE:
                j += 1
            if j > i + 1:
                verdicts[i:j] = [None] * (j - i)


def _keep_numbered_runs(lines: Sequence[str], verdicts: Verdicts, words: Sequence[int]) -> None:
    """Keep the items that go on numbering a kept item, and the short lines between them.

    A listicle's or a recipe's later items are short lines below the last long paragraph, where
    the scorer sinks them ('6. Hear fado in Alfama' after a kept '5. Take the ferry …'); an item
    numbered one more than a kept item is the same list. A page's other numbered lists (most
    read, pagination) start again at 1, and a list under a header is taken by the rules.
    """
    expected = 0  # the number the next item of a kept list would carry
    between: list[int] = []  # scorer-dropped lines since the last kept item
    for i, line in enumerate(lines):
        match = rules.NUMBERED_ITEM.match(line) if line[:1].isdigit() else None
        number = int(match.group(1)) if match else 0
        if match and verdicts[i] is None:
            expected, between = number + 1, []
        elif match and number == expected and verdicts[i] in _SCORER_DROPS:
            for j in (*between, i):
                verdicts[j] = None
            expected, between = number + 1, []
        elif verdicts[i] in _SCORER_DROPS and words[i] <= _LIST_ITEM_MAX_WORDS and expected:
            between.append(i)
        elif verdicts[i] is not None:
            expected, between = 0, []


_TABLE_MIN_ROWS = 3
"""Rows with the same number of tabs that make a table (a label and its value are two)."""


def _keep_table_runs(tabs: Sequence[int], verdicts: Verdicts) -> None:
    """Keep a whole table when the scorer kept some of its rows, or it stands inside the story.

    A table copied as text is a run of lines with the same number of tabs between cells. Its
    rows are mostly numbers and names, which the scorer reads as menus, so it keeps the rows
    that happen to read like prose and drops the rest (a comparison table, a standings table).
    A table is one block: if any row is content, or every row lies between kept lines (a
    `low_content_score` drop), all of it is content; rows a hard rule took stay taken. Dev:
    +0.0003 F1.
    """
    start = 0
    for end in range(1, len(tabs) + 1):
        if end < len(tabs) and tabs[start] and tabs[end] == tabs[start]:
            continue
        if end - start >= _TABLE_MIN_ROWS:
            rows = verdicts[start:end]
            if None in rows or all(v is Reason.LOW_CONTENT_SCORE for v in rows):
                for i in range(start, end):
                    if verdicts[i] in _SCORER_DROPS:
                        verdicts[i] = None
        start = end


def _drop_duplicates(lines: Sequence[str], verdicts: Verdicts, words: Sequence[int], min_words: int) -> None:
    """Keep only the first of repeated long lines."""
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if verdicts[i] is None and words[i] >= min_words:
            if line in seen:
                verdicts[i] = Reason.DUPLICATE_LINE
            seen.add(line)


def classify(page: PageLines, active: list[int], title: str | None) -> tuple[Verdicts, str | None]:
    """One full round over the page's `active` lines: their verdicts, and their language.

    The comment, end-of-article and duplicate passes are skipped on pages without a comment
    header, or without a repeated long line: they could change nothing there.
    """
    config = page.config
    verdicts = _rule_verdicts(page, active, title)
    keep, language = _score(page, active, verdicts, config)
    kept_at = [i for i, k in enumerate(keep) if k and verdicts[i] is None]
    first, last = (kept_at[0], kept_at[-1]) if kept_at else (len(active), -1)
    for i, k in enumerate(keep):
        if not k and verdicts[i] is None:
            verdicts[i] = Reason.OUTSIDE_CONTENT if i < first or i > last else Reason.LOW_CONTENT_SCORE
    lines = [page.text[i] for i in active]
    words = [page.words[i] for i in active]
    if config.score_lines:
        _keep_colon_lists(lines, verdicts, words)
        if page.has_bullets:
            _keep_numbered_runs(lines, verdicts, words)
        if page.has_tabs:
            _keep_table_runs([page.tabs[i] for i in active], verdicts)
        if page.references:
            _keep_references([at for at, i in enumerate(active) if i in page.references], verdicts)
        if page.has_comments:
            _cut_comments([page.comments[i] for i in active], verdicts, words, config.comments_after_words)
        end_headers = [page.end_header[i] for i in active]
        prose = _prose(page, active, language, words) if Reason.LEGAL_FOOTER in verdicts else []
        _cut_after_end(lines, end_headers, verdicts, words, prose, config.end_marker_min_share)
    if page.has_repeats:
        _drop_duplicates(lines, verdicts, words, config.duplicate_min_words)
    return verdicts, language

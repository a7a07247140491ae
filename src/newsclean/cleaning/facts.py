"""What each line of a page is by itself: rule hits, word counts and the scorer's line statistics.

A page is classified in rounds, each over the lines the round before kept (see `cleaner`).
Everything that depends on a line alone, not on its neighbours, is worked out once per page here
and read by every round through the line's index on the page; a round then only does the work
that context changes.
"""

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from newsclean.cleaning import rules
from newsclean.cleaning.config import CleanerConfig
from newsclean.cleaning.crosspage import line_key
from newsclean.cleaning.features import UNSPACED_FULL_STOPS, page_stats, word_count
from newsclean.cleaning.stopwords import SAMPLE_LINES, language_of, stopwords
from newsclean.cleaning.titles import is_title_repeat
from newsclean.reasons import Reason

_SENTENCE_MIN_WORDS = 10
_SENTENCE_END = (".", "!", "?", '"', "”", *UNSPACED_FULL_STOPS)

_LineFacts = tuple[int, Reason | None, bool, bool, bool, bool, bool, bool, bool]


@lru_cache(maxsize=1 << 14)
def _line_facts(line: str) -> _LineFacts:
    """What the rules say about one line, whatever its page.

    In order: words, form rule, and whether it is a related-list header, ends like a sentence,
    starts with a bullet, reads like an author's bio, opens comments, opens an end-of-article box,
    is a teaser card (another story's headline and opening).
    Cached across pages: a site's template lines (menus, footers, share bars) recur on each of
    its pages. The cache is bounded, and holds about 5 MB when full.
    """
    related, bullet, bio, comments, end_header, stray_name = rules.role_marks(line)
    if (form := rules.match_rule(line)) is None and stray_name:
        form = Reason.BYLINE
    return (
        word_count(line),
        form,
        related,
        line.rstrip().endswith(_SENTENCE_END),
        bullet,
        bio,
        comments,
        end_header,
        form is None and rules.is_teaser_card(line),
    )


@lru_cache(maxsize=1 << 12)
def _local_facts(line: str) -> tuple[Reason | None, bool, bool]:
    """The other languages' rules on a line no English rule took.

    Returns its verdict, and whether it opens a related list and whether it opens the comments.
    """
    if rules.is_local_related_header(line):
        return None, True, False
    form = rules.local_rule(line)
    return form, False, form is Reason.COMMENTS


class PageLines:
    """A page's lines (after span cuts) and what each is on its own, by index on the page."""

    __slots__ = (
        "_by_length",
        "_stats",
        "_titles",
        "bio",
        "comments",
        "config",
        "end_header",
        "form",
        "has_bullets",
        "has_comments",
        "has_repeats",
        "has_tabs",
        "references",
        "related",
        "run_stop",
        "special",
        "tabs",
        "tag_item",
        "teaser",
        "text",
        "words",
    )

    def __init__(self, text: Sequence[str], config: CleanerConfig, boilerplate: frozenset[str]) -> None:
        self.text = list(text)
        self.config = config
        words, form, related, sentence, bullet, bio, comments, end_header, teaser = (
            (list(column) for column in zip(*map(_line_facts, self.text), strict=True))
            if self.text
            else ([] for _ in range(9))
        )
        self.words: list[int] = words
        """Words of each line (`word_count`)."""
        self._by_length = sorted(range(len(self.text)), key=lambda i: -len(self.text[i]))
        if self.language([True] * len(self.text)) != "en":
            # Sites in other languages label the same widgets in their own words (English pages
            # skip these tests).
            for i, line in enumerate(self.text):
                if form[i] is None and not related[i]:
                    form[i], related[i], opens_comments = _local_facts(line)
                    comments[i] = comments[i] or opens_comments
                    end_header[i] = end_header[i] or form[i] is Reason.AUTHOR_BIO
        dateline = Reason.DATELINE  # an enum member costs a class lookup each time it is named
        for i in range(len(self.text) - 1):
            if form[i + 1] is dateline and rules.is_comment_author(self.text[i]):
                comments[i] = True  # 'Jo says:' above 'November 19, 2019 at 6:34 am'
        if boilerplate:
            for i, line in enumerate(self.text):
                if line_key(line) in boilerplate:
                    form[i] = Reason.REPEATED_ACROSS_PAGES
        self.form: list[Reason | None] = form
        """The verdict of the rules that read the line alone, or of the site's template lines
        (None: no rule applies)."""
        self.related: list[bool] = related
        """Opens a list of other articles' headlines."""
        self.run_stop = [
            n > config.related_run_max_words or (n >= _SENTENCE_MIN_WORDS and s)
            for n, s in zip(words, sentence, strict=True)
        ]
        """Reads like body prose, so it ends a related list: longer than any headline, or a
        complete sentence of ten words or more (headlines rarely end with a full stop)."""
        self.tag_item = [n <= config.tag_item_max_words and b for n, b in zip(words, bullet, strict=True)]
        """A short bulleted line: an item of the tag list above it."""
        self.has_bullets = any(bullet)
        """Some line starts with a bullet or an item number ('-', '•', '6.', '7)')."""
        # Most pages hold no tab: one scan of the page decides.
        self.tabs = [line.count("\t") for line in self.text] if "\t" in "\n".join(self.text) else []
        """Tabs in each line (a table's cells: normalising keeps one between cells), or empty when
        no line holds one."""
        self.has_tabs = any(self.tabs)
        self.references = frozenset(
            i
            for i, line in enumerate(self.text)
            if len(line) <= rules.REFERENCES_HEADER_MAX_CHARS and rules.REFERENCES_HEADER.match(line)
        )
        """Lines that head a list of the story's references ('References', 'Sources:')."""
        self.bio: list[bool] = bio
        """Shaped like an author's bio (which counts only low enough on the page)."""
        tag_list = Reason.TAG_LIST
        self.special = np.array(
            [r or b or f is tag_list for r, b, f in zip(related, bio, form, strict=True)], dtype=bool
        )
        """Lines whose verdict depends on where they stand: list headers and bios."""
        self.comments: list[bool] = comments
        """Opens a comment section."""
        self.has_comments = any(comments)
        self.end_header: list[bool] = end_header
        """Opens a box that only ever follows the article (an author's box, a feedback widget)."""
        self.teaser: list[bool] | None = teaser if any(teaser) else None
        """Another story's headline and opening on one line (None: no such line on the page)."""
        long_lines = [
            line for line, n in zip(self.text, self.words, strict=True) if n >= config.duplicate_min_words
        ]
        self.has_repeats = len(set(long_lines)) < len(long_lines)
        """Some line long enough to count as a duplicate occurs twice."""
        self._stats: dict[str | None, np.ndarray] = {}
        self._titles: dict[str, dict[int, bool]] = {}

    def title_repeats(self, title: str, lines: Sequence[int]) -> list[bool]:
        """Which of these lines repeat the title."""
        known = self._titles.setdefault(title, {})
        similarity = self.config.title_similarity
        out: list[bool] = []
        for i in lines:
            repeat = known.get(i)
            if repeat is None:
                repeat = known[i] = is_title_repeat(self.text[i], title, similarity)
            out.append(repeat)
        return out

    def language(self, alive: Sequence[bool]) -> str | None:
        """The language of the lines still alive (judged on the longest of them)."""
        longest: list[str] = []
        for i in self._by_length:
            if alive[i]:
                longest.append(self.text[i])
                if len(longest) == SAMPLE_LINES:
                    break
        return language_of(longest, self.config.min_language_confidence)

    def stats(self, language: str | None) -> np.ndarray:
        """`page_stats` of the page's lines for the stop words of `language`."""
        found = self._stats.get(language)
        if found is None:
            found = self._stats[language] = page_stats(self.text, stopwords(language))
        return found

"""What each line of a page is by itself: rule hits, word counts and the scorer's line statistics.

A page is classified in rounds, each over the lines the round before kept (see `cleaner`).
Everything that depends on a line alone, not on its neighbours, is worked out once per page here
and read by every round through the line's index on the page; a round then only does the work
that context changes.
"""

from collections.abc import Sequence

import numpy as np

from newsclean.cleaning import rules
from newsclean.cleaning.config import CleanerConfig
from newsclean.cleaning.crosspage import line_key
from newsclean.cleaning.features import page_stats
from newsclean.cleaning.stopwords import SAMPLE_LINES, language_of, stopwords
from newsclean.cleaning.titles import is_title_repeat
from newsclean.reasons import Reason

_SENTENCE_MIN_WORDS = 10
_SENTENCE_END = (".", "!", "?", '"', "”")


def _form_rule(line: str, boilerplate: frozenset[str]) -> Reason | None:
    """The rules that read one line and nothing else (and the site's template lines)."""
    if boilerplate and line_key(line) in boilerplate:
        return Reason.REPEATED_ACROSS_PAGES
    if (reason := rules.match_rule(line)) is not None:
        return reason
    if rules.is_stray_name(line):
        return Reason.BYLINE
    return None


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
        "has_comments",
        "has_repeats",
        "related",
        "run_stop",
        "special",
        "tag_item",
        "text",
        "words",
    )

    def __init__(self, text: Sequence[str], config: CleanerConfig, boilerplate: frozenset[str]) -> None:
        self.text = list(text)
        self.config = config
        self.words = [len(line.split()) for line in self.text]
        """Whitespace-separated words of each line."""
        forms: dict[str, Reason | None] = {}
        for line in self.text:
            if line not in forms:
                forms[line] = _form_rule(line, boilerplate)
        self.form = [forms[line] for line in self.text]
        """The verdict of the rules that read the line alone (None: no rule applies)."""
        self.related = [rules.is_related_header(line) for line in self.text]
        """Opens a list of other articles' headlines."""
        self.run_stop = [
            words > config.related_run_max_words
            or (words >= _SENTENCE_MIN_WORDS and line.rstrip().endswith(_SENTENCE_END))
            for line, words in zip(self.text, self.words, strict=True)
        ]
        """Reads like body prose, so it ends a related list: longer than any headline, or a
        complete sentence of ten words or more (headlines rarely end with a full stop)."""
        self.tag_item = [
            words <= config.tag_item_max_words and rules.BULLET.match(line) is not None
            for line, words in zip(self.text, self.words, strict=True)
        ]
        """A short bulleted line: an item of the tag list above it."""
        self.bio = [len(line) < 600 and rules.AUTHOR_BIO.match(line) is not None for line in self.text]
        """Shaped like an author's bio (which counts only low enough on the page)."""
        self.special = np.array(
            [
                r or b or f is Reason.TAG_LIST
                for r, b, f in zip(self.related, self.bio, self.form, strict=True)
            ],
            dtype=bool,
        )
        """Lines whose verdict depends on where they stand: list headers and bios."""
        self.comments = [rules.is_comments_header(line) for line in self.text]
        """Opens a comment section."""
        self.has_comments = any(self.comments)
        self.end_header = [rules.is_end_header(line) for line in self.text]
        """Opens a box that only ever follows the article (an author's box, a feedback widget)."""
        long_lines = [
            line for line, n in zip(self.text, self.words, strict=True) if n >= config.duplicate_min_words
        ]
        self.has_repeats = len(set(long_lines)) < len(long_lines)
        """Some line long enough to count as a duplicate occurs twice."""
        self._by_length = sorted(range(len(self.text)), key=lambda i: -len(self.text[i]))
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

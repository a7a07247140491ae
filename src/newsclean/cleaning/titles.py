"""Titles: recognise the headline's repeats in the body, and find a headline when none is given.

Pages repeat their headline (in the breadcrumb, above the body, in a share bar); gold bodies never
include it. A line is a repeat when it is the title, is contained in it, or is nearly all the
title's words in a line not much longer than the title.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from newsclean.cleaning.features import (
    UNSPACED,
    lower_word_list,
    lower_words,
    word_count,
)
from newsclean.cleaning.rules import NUMBERED_ITEM

_HEADLINE_SCAN_LINES = 8
"""Only the first lines of a page are searched for a headline."""
_BREADCRUMB_MARKS = (" > ", "»", "›", "Current:", "Home >")


@lru_cache(maxsize=64)
def _title_words(title: str) -> tuple[str, frozenset[str], int]:
    """The normalised title, its distinct words and its word count.

    Cached: a page's lines are all compared with the same title.
    """
    norm = lower_words(title)
    words = norm.split()
    return norm, frozenset(words), len(words)


def is_title_repeat(line: str, title: str, similarity: float) -> bool:
    """Is this line the headline again (exactly, contained in it, or nearly)?"""
    norm_title, title_words, title_length = _title_words(title)
    line_words = lower_word_list(line)
    if not line_words or not norm_title:
        return False
    # Being the title or inside it takes at most its word count; sharing its words, at most 1.3
    # times its distinct words and three more: most lines, paragraphs, go here.
    too_long = len(line_words) > 1.3 * len(title_words) + 3
    if too_long and len(line_words) > title_length:
        return False
    norm_line = " ".join(line_words)
    if norm_line == norm_title:
        return True
    if len(norm_line) >= 20 and norm_line in norm_title:
        return True
    if too_long:
        return False
    shared = sum(1 for w in line_words if w in title_words)
    return shared >= similarity * max(len(title_words), len(line_words))


_NOT_HEADLINE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,7}\.? \d|\d:\d\d|\d{4}-\d\d-\d\d|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    r"\b\d+ (?:min|minutes?|hours?|days?) (?:read|ago)\b|[•|»›©]| > |^by\b|^(?:updated|published|posted)\b|"
    r"[—–-]$|^share\b|"
    r"(?:^|\s)@\w|\bsharing options\b|\bexternal links?\b|\bsigned in\b|\bcopy (?:this )?link\b|"
    r"\bopens? in (?:a )?new (?:window|tab)\b|^why you can trust\b|\breading time\b|→|"
    r"^(?-i:(?:.*?[a-z][A-Z]){4})|"
    r"^(?:(?:facebook|twitter|linkedin|pinterest|whatsapp|reddit|tumblr|email|print|x)\W*){2,}$",
    re.IGNORECASE,
)
"""Dates, reading times, separators, bylines, handles ('Jo Roe @joroe'), share buttons ('Share All
sharing options for: …', 'Facebook Twitter LinkedIn'), other widgets' words ('You are signed in
as', 'These are external links …', 'Made with Squarespace→') and menus glued into one line
('LegalPrivacy PolicyTerms of ServiceToS': four lowercase-to-capital joins, where a brand name has
one): the lines around a headline that share its shape (a headline's 'Shares fall …' is not one);
and a wire dateline standing alone ('PORTLAND, Ore. (AP) —'), whose dash leads into the story."""
_SENTENCE_ENDS = (".", ":", ";", ",", '."', ".”", ".'", ".’", "。", "：", "；", "，")
"""A paragraph's last characters, a quoted sentence's among them ('… with the slogan “We are on it.”');
not '！' or '？', with which a Japanese headline may end ('商品の改造が商標法違反に！？')."""
_HEADLINE_MAX_DIGIT_SHARE = 0.2
_MENU_MIN_WORDS = 8
"""Headlines this long have a lowercase function word, or in Title Case a two-letter one."""
_SHORT_FUNCTION_WORD = re.compile(r"[A-Z][a-z]\W*$")


_CALL_TO_ACTION = re.compile(
    r"^(?:request|browse|find|join|create|submit|read|learn|check out|get|sign up|subscribe|download|"
    r"shop|explore|discover|view|see|visit|contact|follow|watch|listen|click|tap|start|book|order|"
    r"register|log in|sign in|go to|back to)\b",
    re.IGNORECASE,
)


def is_call_to_action(line: str) -> bool:
    """Does the line open with a site's call to action ('Request a demo', 'Find a branch')?

    Headlines may too ('Find out why …'), so a long one only ranks below the other candidates
    for the headline; a short one ('Back to blog') is never taken.
    """
    return _CALL_TO_ACTION.match(line) is not None


def looks_like_headline(line: str, *, title_case: bool = False) -> bool:
    """Short, several words, no sentence-final period, no date or byline: a headline's shape.

    `title_case`: other evidence says this is a headline, so every word capitalised is allowed.
    """
    words = line.split()
    if not 3 <= word_count(line) <= 30 or len(line) > 250 or line.rstrip().endswith(_SENTENCE_ENDS):
        return False
    if (
        not title_case
        and len(words) >= _MENU_MIN_WORDS
        and not any(word[:1].islower() or _SHORT_FUNCTION_WORD.match(word) for word in words)
    ):
        return False  # every word capitalised and no 'Of', 'To', 'In': a run of menu items
    digits = sum(map(line.count, "0123456789"))
    return digits <= _HEADLINE_MAX_DIGIT_SHARE * len(line) and _NOT_HEADLINE.search(line) is None


_UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
"""Languages written without spaces between words (`features.UNSPACED` covers their scripts)."""


def in_page_script(line: str, language: str | None) -> bool:
    """Could this line be in the page's language, by its script?

    A line mostly in Chinese, Japanese or Thai script on a page in a language written with
    spaces is a link to a translation ('阅读简体中文版'), never the page's headline.
    """
    if line.isascii() or language is None or language in _UNSPACED_LANGUAGES:
        return True
    return 2 * len(UNSPACED.findall(line)) < len(line)


def in_numbered_list(lines: Sequence[str], i: int) -> bool:
    """Is line `i` an item of a numbered list ('5. Public hearing: …' next to '4. …' or '6. …')?

    Such an item has a headline's shape but is the story's own list; a numbered line on its own
    may be a headline ('1. FC Köln verliert das Derby').
    """
    return NUMBERED_ITEM.match(lines[i]) is not None and any(
        NUMBERED_ITEM.match(lines[j]) is not None for j in (i - 1, i + 1) if 0 <= j < len(lines)
    )


def refine_title(given: str | None, lines: Sequence[str]) -> str | None:
    """The given title, or the cleaner headline inside it when it is a breadcrumb.

    A breadcrumb title ('Home > Politics > The headline') is replaced by the headline line found
    among the first lines. With no title given, the cleaner finds one after classifying lines;
    guessing earlier would let a short first paragraph be taken for a headline.
    """
    if not given or not any(mark in given for mark in _BREADCRUMB_MARKS):
        return given
    norm_given = lower_words(given)
    for line in lines[:_HEADLINE_SCAN_LINES]:
        if line != given and looks_like_headline(line) and lower_words(line) in norm_given:
            return line
    return given

"""Hard-wrapped text: paragraphs broken into lines of a fixed width, to be joined back before cleaning.

Text dumped by terminal browsers and converters (lynx, w3m, html2text, e-mail) breaks every
paragraph at 60-100 columns. The cleaner reads one line as one block, and a paragraph cut into
line-length pieces looks like a menu: without this step such a page is emptied.

A break is a wrap when the line before it is full: the first word of the next line would not have
fitted on it within the page's width, which is how every greedy wrapper (textwrap, fmt, lynx)
breaks. A page counts as wrapped only when nearly all breaks after long lines are wraps, and
enough of them fall inside a sentence (the next line starts with a lowercase letter, or a letter
of a script without case): a menu has short lines, a list of headlines breaks where the next word
would have fitted or starts each line with a capital, and either is left as it is.
"""

from collections.abc import Sequence

from newsclean.cleaning.features import UNSPACED_FULL_STOPS

MAX_WIDTH = 100
"""Widest wrap recognised; lines of visible text scraped from HTML run much longer."""
MIN_WIDTH = 40
_LONG_SHARE = 0.6
"""A line at least this share of the width can end in a wrap (a shorter one ends its paragraph)."""
_MIN_WRAPS = 3
_MIN_WRAP_SHARE = 0.8
_MAX_WIDE_SHARE = 0.1
"""Share of lines allowed beyond the width (a URL, a table row) in a wrapped page."""
_MIN_INSIDE_SHARE = 0.4
"""Share of wraps that must fall inside a sentence (English prose wrapped at 72: ~75%)."""


_FULL_STOPS = (*UNSPACED_FULL_STOPS, "」", "』")
"""Sentence ends of unspaced scripts: a line ending in one is a paragraph, however long (a
Chinese or Japanese line has no space to wrap at, so any break after a long one looks like a wrap)."""
_CLOSERS = "”’\"'）)」』"
"""Closing quotes and brackets, which may follow a sentence's full stop ('…表示。”')."""


def _first_word_length(line: str) -> int:
    stripped = line.lstrip()
    end = stripped.find(" ")
    return len(stripped) if end == -1 else end


def _inside_sentence(line: str) -> bool:
    """Does this line start in the middle of a sentence (lowercase, or a letter without case)?"""
    first = line.lstrip()[:1]
    return first.islower() or (first.isalpha() and not first.isupper())


def continuations(lines: Sequence[str]) -> frozenset[int]:
    """Indices of the lines that continue the line above them (a wrapped paragraph); usually none."""
    lengths = [len(line.strip()) for line in lines]
    filled = [n for n in lengths if n]
    within = [n for n in filled if n <= MAX_WIDTH]
    if len(within) < _MIN_WRAPS + 1 or len(filled) - len(within) > _MAX_WIDE_SHARE * len(filled):
        return frozenset()
    width = max(within)
    if width < MIN_WIDTH:
        return frozenset()
    wraps: list[int] = []
    breaks = 0
    for i in range(1, len(lines)):
        before = lengths[i - 1]
        if not lengths[i] or before < _LONG_SHARE * width or before > width:
            continue
        breaks += 1
        end = lines[i - 1].rstrip()
        ends_sentence = end.endswith(_FULL_STOPS) or end.rstrip(_CLOSERS).endswith(_FULL_STOPS)
        if before + 1 + _first_word_length(lines[i]) > width and not ends_sentence:
            wraps.append(i)
    if len(wraps) < _MIN_WRAPS or len(wraps) < _MIN_WRAP_SHARE * breaks:
        return frozenset()
    if sum(_inside_sentence(lines[i]) for i in wraps) < _MIN_INSIDE_SHARE * len(wraps):
        return frozenset()
    return frozenset(wraps)

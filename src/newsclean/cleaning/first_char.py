"""Which characters a regular expression's match can start with, read from its parsed form.

The cleaner tries each line against many patterns anchored at the line start; knowing each one's
possible first characters lets it skip, for a line, every pattern that cannot begin with that
line's first character (`FirstCharIndex`). This reads Python's own parse of the pattern
(`re._parser`, present in 3.11 to 3.13), and answers "any character" on any construct it does
not know, which costs speed, never a match (tests/cleaning/test_fast_paths.py compares the gated
rules with all rules tried on generated lines).
"""

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any


class _UnknownFirstError(Exception):
    """A pattern element whose first character is not worked out: it may be any."""


_CLASS_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _class_source(items: Any) -> str:
    """A parsed character class (`[...]`) written back as a pattern."""
    parts: list[str] = []
    for op, value in items:
        if op == sre.NEGATE:
            parts.insert(0, "^")
        elif op == sre.LITERAL and isinstance(value, int):
            parts.append(re.escape(chr(value)))
        elif op == sre.RANGE and isinstance(value, tuple):
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op == sre.CATEGORY and value in _CLASS_CATEGORIES:
            parts.append(_CLASS_CATEGORIES[value])
        else:
            raise _UnknownFirstError
    return f"[{''.join(parts)}]"


def _first_sources(items: Any, ignore_case: bool, out: list[str]) -> bool:
    """Add to `out` a pattern for each character a match of `items` can start with.

    Returns whether `items` can match the empty string (then what follows can start the match
    too). Zero-width elements (anchors, lookarounds) consume nothing and are passed over.
    """
    for op, value in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op == sre.LITERAL:
            out.append(f"(?{'i' if ignore_case else '-i'}:{re.escape(chr(value))})")
            return False
        if op == sre.IN:
            out.append(f"(?{'i' if ignore_case else '-i'}:{_class_source(value)})")
            return False
        if op == sre.SUBPATTERN:
            _, add_flags, del_flags, sub = value
            flag = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            if not _first_sources(sub, flag, out):
                return False
        elif op == sre.BRANCH:
            nullable = [_first_sources(branch, ignore_case, out) for branch in value[1]]  # all of them
            if not any(nullable):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, _, sub = value
            if not _first_sources(sub, ignore_case, out) and least > 0:
                return False
        else:
            raise _UnknownFirstError
    return True


def first_char(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching each character that a match of `pattern` can start with.

    None when that is not worked out, or when `pattern` can match the empty string.
    """
    sources: list[str] = []
    try:
        items = sre_parse.parse(pattern.pattern, pattern.flags)
        if _first_sources(items, bool(pattern.flags & re.IGNORECASE), sources):
            return None
    except _UnknownFirstError:
        return None
    return re.compile("|".join(sources))


class FirstCharIndex:
    """Patterns anchored at the line start, joined into one for each first character of a line.

    The regex engine enters each alternative of a joined pattern in turn, so a line pays for every
    pattern joined; for each first character only those that can begin with it (`first_char`)
    are joined, in their given order. With `named`, alternative `i` is the group `r<i>`, so
    `match.lastgroup` tells which pattern matched first.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], *, named: bool) -> None:
        if any(p.flags & ~(re.IGNORECASE | re.UNICODE) for p in patterns):
            msg = "patterns are joined keeping only their IGNORECASE flag"
            raise ValueError(msg)
        self._patterns = tuple(patterns)
        self._first = [first_char(p) for p in self._patterns]
        self._named = named
        self._joined = cache(self._join)
        self.for_first = lru_cache(maxsize=1024)(self._for_first)
        """The joined pattern for a line starting with this character (None: no pattern can match)."""

    def _for_first(self, first: str) -> re.Pattern[str] | None:
        return self._joined(
            tuple(i for i, can in enumerate(self._first) if can is None or can.match(first) is not None)
        )

    def _join(self, indices: tuple[int, ...]) -> re.Pattern[str] | None:
        if not indices:
            return None
        parts = []
        for i in indices:
            pattern = self._patterns[i]
            source = f"(?{'i' if pattern.flags & re.IGNORECASE else '-i'}:{pattern.pattern})"
            parts.append(f"(?P<r{i}>{source})" if self._named else source)
        return re.compile("|".join(parts))

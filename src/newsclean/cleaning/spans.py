"""Span cuts: junk glued inside a line that is otherwise article text.

Visible-text dumps concatenate inline elements without a space, so widgets land inside sentences:
a politician's hover card ("President TrumpDonald John Trump… MORE issued"), a credit glued to a
caption, a "Read more: …" tail. Each cut removes the span and keeps the sentence around it, and is
recorded with its reason. All searches are bounded string scans or backtracking-free patterns.
"""

import re
from dataclasses import dataclass

from newsclean.reasons import Reason

HOVER_CARD_MAX_CHARS = 700
"""Longest hover card (name, up to three teaser headlines, 'MORE'); anything longer is not one.
(Cards with three long headlines run to ~550 characters.)"""

_TAIL_WINDOW = 400
"""Characters at a line's end searched for a 'Read more:' tail (at most ~330) or a glued credit."""
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_MORE = " MORE"
_CAPITALISED = re.compile(r"[A-Z][\w.'-]*")
_TAIL = re.compile(
    r"(?<=[.!?”\"])\s*(?:read more|read also|also read|related|see also|more)\s*:\s*\S.{0,300}$",
    re.IGNORECASE,
)
_GLUED_CREDIT = re.compile(
    r"(?<=[.!?”\"])\s*(?:\(?(?:photo|image|picture|credit)s?\s*(?:by|credit)?\s*:?\s*[^.!?]{1,80}?"
    r"(?:getty images|ap|afp|reuters|shutterstock|epa|file)\)?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cut:
    """A span removed from a line: [start, end) in the original line."""

    start: int
    end: int
    reason: Reason


def _repeats(name: str, word: str) -> bool:
    """Is `word` the glued-on `name` itself, or `name` with the next word glued on?"""
    return word == name or (word.startswith(name) and word[len(name) : len(name) + 1].isupper())


def _hover_card(line: str) -> Cut | None:
    """'…President TrumpDonald John TrumpDonald … MORE issued…': a name glued to its own full form.

    Recognised when the word before a lower/upper glue point reappears as the last of the first
    few capitalised words after it (the card repeats the name), and ' MORE' closes the card soon
    after. Cuts from the glue point through 'MORE'. The card's first headline is often glued to
    the full name in turn ('Ilhan OmarIlhan OmarHillicon Valley: …'), so the repeat may be a
    word's glued prefix.
    """
    start = 0
    while (more := line.find(_MORE, start)) != -1:
        window_start = max(0, more - HOVER_CARD_MAX_CHARS)
        for glue in _GLUE.finditer(line, window_start, more):
            word_start = line.rfind(" ", 0, glue.start()) + 1
            glued_word = line[word_start : glue.start()]
            head = _CAPITALISED.findall(line[glue.start() : glue.start() + 60])[:4]
            if len(glued_word) > 1 and any(_repeats(glued_word, word) for word in head[1:]):
                end = more + len(_MORE)
                if line[end : end + 1].isalpha():
                    continue
                return Cut(glue.start(), end, Reason.HOVER_CARD)
        start = more + len(_MORE)
    return None


_CREDIT_ENDS = ("getty images", "ap", "afp", "reuters", "shutterstock", "epa", "file")
_CREDIT_LAST = frozenset("".join(end[-1] + end[-1].upper() for end in _CREDIT_ENDS))


def _may_end_with_credit(line: str) -> bool:
    """Can the line end with an agency's name, as a glued credit does? A cheap pre-test.

    Case-insensitive matching also pairs some non-ASCII letters with ASCII ones (the long s with
    's', the Kelvin sign with 'k'): an end that is not plain ASCII is left to the pattern.
    """
    end = line[-len("shutterstock)") :].removesuffix(")")
    if end[-1:] not in _CREDIT_LAST and end[-1:].isascii():
        return False
    return not end.isascii() or end.lower().endswith(_CREDIT_ENDS)


def _add_end_cut(cuts: list[Cut], match: re.Match[str] | None, reason: Reason) -> None:
    if match and match.start() > 0 and not any(c.start < match.end() and match.start() < c.end for c in cuts):
        cuts.append(Cut(match.start(), match.end(), reason))


def find_cuts(line: str) -> list[Cut]:
    """Every span of this line to cut, left to right, non-overlapping."""
    cuts: list[Cut] = []
    if _MORE in line and (card := _hover_card(line)) is not None:
        cuts.append(card)
    # Both patterns end at the line's end within a bounded length: search only the tail, and
    # only when a cheap test says they can match (a tail has its colon there).
    tail_start = max(0, len(line) - _TAIL_WINDOW)
    if line.find(":", tail_start) != -1:
        _add_end_cut(cuts, _TAIL.search(line, tail_start), Reason.RELATED_LIST)
    if _may_end_with_credit(line):
        _add_end_cut(cuts, _GLUED_CREDIT.search(line, tail_start), Reason.CAPTION_CREDIT)
    return sorted(cuts, key=lambda c: c.start) if len(cuts) > 1 else cuts


def apply_cuts(line: str, cuts: list[Cut]) -> str:
    """The line without its cut spans, spaces mended where a cut joined two words."""
    if not cuts:
        return line
    parts: list[str] = []
    position = 0
    for cut in cuts:
        parts.append(line[position : cut.start])
        position = cut.end
    parts.append(line[position:])
    text = parts[0]
    for part in parts[1:]:
        if text and part and not text[-1].isspace() and not part[0].isspace() and part[0].isalnum():
            text += " "
        text += part
    return " ".join(text.split())

"""`clean_text`: one page of visible text in, its article body and an audit trail out.

The passes, in order:

1. split into lines (blank lines separate paragraphs), strip invisible characters, cap the size,
   join the lines of hard-wrapped paragraphs (`wrapping`);
2. cut spans glued inside lines (hover cards, credits, "Read more:" tails);
3. classify every line (`classify.classify`: hard rules, learned scorer, smoothing), and again on
   the kept lines until nothing changes. The scorer reads context, so removing a menu can change
   how a neighbouring line looks; iterating to a fixed point is what makes cleaning idempotent
   (cleaning the output again returns it unchanged). Each round only removes lines, so it ends;
   in practice after two or three rounds;
4. with no title given, take the headline found above the settled body as the title, and go on
   classifying with it to a fixed point again.
"""

import re
from dataclasses import dataclass, field
from operator import attrgetter

from newsclean.cleaning import rules
from newsclean.cleaning.classify import classify
from newsclean.cleaning.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.cleaning.facts import PageLines
from newsclean.cleaning.features import word_count
from newsclean.cleaning.result import CleanResult, LineVerdicts, Removal
from newsclean.cleaning.spans import apply_cuts, find_cuts
from newsclean.cleaning.titles import (
    in_numbered_list,
    in_page_script,
    is_call_to_action,
    looks_like_headline,
    refine_title,
)
from newsclean.cleaning.wrapping import continuations
from newsclean.reasons import Reason

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_HEADLINE_LOOKBACK = 12
"""Lines above the first kept paragraph searched for the headline."""
_HEADLINE_VERDICTS = (
    Reason.TITLE_REPEAT,
    Reason.OUTSIDE_CONTENT,
    Reason.LOW_CONTENT_SCORE,
    Reason.RELATED_LIST,
)
_BYLINE_VERDICTS = (Reason.BYLINE, Reason.DATELINE)
_BYLINE_REACH = 3
"""Lines below a headline within which its byline or date may stand (a standfirst between)."""
_CALL_TO_ACTION_MAX_WORDS = 4
"""A call to action this short ('Back to blog') is never the headline."""


@dataclass(slots=True)
class _Page:
    """A page's non-blank lines after span cuts, and the verdict on each."""

    number: list[int] = field(default_factory=list)  # input line number of each line
    text: list[str] = field(default_factory=list)
    verdict: list[Reason | None] = field(default_factory=list)
    spans: list[Removal] = field(default_factory=list)
    joined: dict[int, int] = field(default_factory=dict)  # input line -> the line it was joined onto


def split_lines(text: str, config: CleanerConfig) -> tuple[list[str], list[Removal]]:
    """Input lines (any line ending), after cutting the text to the size cap."""
    if len(text) <= config.max_text_chars:
        return text.splitlines(), []
    tail = len(text) - config.max_text_chars
    lines = text[: config.max_text_chars].splitlines()
    note = f"[{tail} characters beyond the {config.max_text_chars}-character cap]"
    # Recorded on the line the cap cut through: the last one kept.
    return lines, [Removal(Reason.SIZE_CAP, note, "line", max(len(lines) - 1, 0))]


def _normalised(raw: str) -> str:
    """The line with invisible characters dropped and each run of spaces made one space.

    A run holding a tab becomes one tab: it separates a table's cells, which the output keeps
    apart, and which tell a table's rows (`classify._keep_table_runs`) when the output is
    cleaned again. Most lines need nothing: an ASCII line split by `str.splitlines` can only
    hold the spaces ' ', tab and unit separator, and when none is doubled, leading or trailing
    it is returned as it is (rebuilding every line word by word took a third of this step).
    """
    if raw.isascii():
        if raw[:1] != " " and raw[-1:] != " " and "  " not in raw and "\t" not in raw and "\x1f" not in raw:
            return raw
    else:
        raw = _INVISIBLE.sub("", raw)
    if "\t" in raw:
        return "\t".join(cell for cell in (" ".join(part.split()) for part in raw.split("\t")) if cell)
    return " ".join(raw.split())


def _logical_lines(raw_lines: list[str]) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """Non-blank lines, normalised, as (input line, text); a hard-wrapped paragraph becomes one.

    Also returns, for each input line joined onto the one above, the index of the line it joined.
    """
    wrapped = continuations(raw_lines)
    lines: list[tuple[int, str]] = []
    joined: dict[int, int] = {}
    previous = -2  # input line of the last non-blank line
    for number, raw in enumerate(raw_lines):
        line = _normalised(raw)
        if not line:
            continue
        if number in wrapped and previous == number - 1:
            first, text = lines[-1]
            lines[-1] = (first, f"{text} {line}")
            joined[number] = len(lines) - 1
        else:
            lines.append((number, line))
        previous = number
    return lines, joined


def prepare_lines(raw_lines: list[str], config: CleanerConfig) -> _Page:
    """Normalise spaces, drop blank lines, join wrapped paragraphs, cut glued spans (recorded).

    `raw_lines` are lines as `split_lines` makes them: none holds a line break.
    """
    page = _Page()
    lines, page.joined = _logical_lines(raw_lines)
    for number, line in lines:
        kept = line
        if len(line) <= config.max_line_chars and (cuts := find_cuts(line)):
            page.spans.extend(Removal(c.reason, line[c.start : c.end], "span", number) for c in cuts)
            kept = apply_cuts(line, cuts)
        page.number.append(number)
        page.text.append(kept)
        page.verdict.append(None)
    return page


def _take_headline(page: _Page, config: CleanerConfig, language: str | None) -> str | None:
    """The headline when none was given, found after the first round.

    A dropped headline-shaped line shortly above the first kept paragraph that stands over the
    byline or date, or recurs above the body; else the first kept line, when headline-shaped and
    above a paragraph that is not (it is dropped as the title, which bodies exclude); else the
    longest dropped headline-shaped line shortly above the body. The first kept line comes second:
    a table of contents or a section label ('Frequently Asked Questions') may stand first, below
    the real headline and its byline. A short page (a news brief) has shorter paragraphs.
    """
    kept = [i for i, v in enumerate(page.verdict) if v is None]
    if not kept:
        return None
    first = kept[0]
    candidates, marked = _headline_candidates(page, first, language)
    if _first_line_is_headline(page, kept, config, language):
        if not marked:
            page.verdict[first] = Reason.TITLE_REPEAT
            return page.text[first]
        # A section label or a table of contents' last item between the headline and the
        # story: left first in the body, it would be taken for the headline when the body is
        # cleaned again.
        page.verdict[first] = Reason.OUTSIDE_CONTENT
    if not candidates:
        return None

    # The headline is the longest of the headline-shaped lines above the body (menu items and
    # section labels are shorter); among equals, the one nearest the body; but first, one that
    # stands over the byline or recurs above the body (in the page's title, its share text), then
    # one that is not a call to action ('Request a demo', 'Browse all categories'). It went as
    # the title, whatever the scorer said of it.
    def rank(i: int) -> tuple[bool, bool, int, int]:
        return i in marked, not is_call_to_action(page.text[i]), word_count(page.text[i]), i

    headline = max(candidates, key=rank)
    # Unless it is a breadcrumb run into the headline, which stands on its own line as well
    # ('Home News Business News Council approves budget' above 'Council approves budget').
    inner = [i for i in candidates if i != headline and page.text[headline].endswith(" " + page.text[i])]
    if inner and page.text[headline].lower().startswith(rules.BREADCRUMB_ROOTS):
        headline = max(inner, key=rank)
    page.verdict[headline] = Reason.TITLE_REPEAT
    return page.text[headline]


def _first_line_is_headline(
    page: _Page, kept: list[int], config: CleanerConfig, language: str | None
) -> bool:
    """Is the first kept line headline-shaped, above a paragraph that is not?

    Judged on the kept lines, which cleaning the body again keeps: the page's own length would
    shrink on a second cleaning and change the answer.
    """
    first = kept[0]
    brief = len(kept) < config.short_page_lines
    return (
        len(kept) > 1
        and looks_like_headline(page.text[first])
        and in_page_script(page.text[first], language)
        and not in_numbered_list(page.text, first)
        and word_count(page.text[kept[1]])
        >= (config.short_page_prose_min_words if brief else config.headline_body_min_words)
        and not looks_like_headline(page.text[kept[1]])
    )


def _headline_candidates(page: _Page, first: int, language: str | None) -> tuple[list[int], set[int]]:
    """Dropped headline-shaped lines shortly above the body, and those of them marked as the headline.

    Marked: standing over the byline or date (a standfirst may come between), or recurring above
    the body (a table of contents repeats its items below, as the sections). A line in Title Case
    throughout ('Sweden Drops Its Investigation Into …') reads as a run of menu items unless it
    stands over the byline or twice near the body; a related list's lines are other stories'
    headlines unless marked; a short call to action ('Back to blog') is never a headline.
    """
    window = [
        i for i in range(max(first - _HEADLINE_LOOKBACK, 0), first) if page.verdict[i] in _HEADLINE_VERDICTS
    ]
    if not window:
        return [], set()
    above = "\n".join(page.text[:first]).lower()
    nearby = [page.text[i] for i in window]
    over_byline = {
        i
        for i in window
        if any(page.verdict[j] in _BYLINE_VERDICTS for j in range(i + 1, min(i + 1 + _BYLINE_REACH, first)))
    }
    # Title Case throughout is allowed over a byline, or twice in a row near the body; a menu
    # also recurs above the body (in the header and again for phones), but far apart.
    title_case = over_byline | {i for i in window if nearby.count(page.text[i]) > 1}
    marked = over_byline | {i for i in window if above.count(page.text[i].lower()) > 1}
    candidates = [
        i
        for i in window
        if (i in marked or page.verdict[i] is not Reason.RELATED_LIST)
        and looks_like_headline(page.text[i], title_case=i in title_case)
        and in_page_script(page.text[i], language)
        and not in_numbered_list(page.text, i)
        and not (is_call_to_action(page.text[i]) and word_count(page.text[i]) <= _CALL_TO_ACTION_MAX_WORDS)
    ]
    return candidates, marked.intersection(candidates)


def _classify_to_fixed_point(
    page: _Page, title: str | None, config: CleanerConfig, boilerplate: frozenset[str]
) -> tuple[str | None, str | None]:
    """Classify until a round keeps every line it is given; returns (title, language).

    With no title given, the headline is looked for once the lines have settled (earlier, a line
    that a later round drops could still stand first), and the rounds then go on with it. (A
    round's only use of the title is to drop its repeats: with none among the lines, the settled
    verdicts stand.)
    """
    active = list(range(len(page.text)))
    language = None
    looking = title is None
    lines = PageLines(page.text, config, boilerplate)
    while active:
        verdicts, language = classify(lines, active, title)
        for i, verdict in zip(active, verdicts, strict=True):
            page.verdict[i] = verdict
        still = [i for i in active if page.verdict[i] is None]
        if still == active:
            if not looking:
                break
            looking = False
            title = _take_headline(page, config, language)
            if title is None:
                break
            still = [i for i in active if page.verdict[i] is None]
            if still == active and not any(lines.title_repeats(title, active)):
                break  # the title changes no verdict: the round would repeat the last one
        active = still
    return title, (language if active else None)


def _result(page: _Page, raw_lines: list[str], title: str | None, language: str | None) -> CleanResult:
    text, number = page.text, page.number
    removed = list(page.spans)
    removed.extend(
        Removal(v, text[i], "line", number[i]) for i, v in enumerate(page.verdict) if v is not None
    )
    if page.spans:
        # Spans come first and in line order, so a stable sort by line puts a line's spans before it.
        removed.sort(key=attrgetter("line"))
    body = "\n\n".join([t for t, v in zip(text, page.verdict, strict=True) if v is None])
    return CleanResult(
        text=body,
        title=title,
        language=language,
        removed=tuple(removed),
        verdicts=LineVerdicts(raw_lines, number, page.verdict, text, page.joined),
    )


def clean_text(
    text: str,
    title: str | None = None,
    config: CleanerConfig | None = None,
    *,
    boilerplate_lines: frozenset[str] | None = None,
) -> CleanResult:
    """Clean one page: the article body, its title, its language and why everything else went.

    Never raises on any string; idempotent: cleaning `result.text` again (with the same title)
    returns the same text.

    Args:
        text: the page's visible text, one block per line (LF, CRLF or CR).
        title: the page's title if known; its repeats are dropped from the body.
        config: thresholds; `DEFAULT_CONFIG` when None.
        boilerplate_lines: `crosspage.line_key` of lines the caller found on many pages of the
            same site; they go with reason `repeated_across_pages`.
    """
    config = config or DEFAULT_CONFIG
    raw_lines, capped = split_lines(text, config)
    page = prepare_lines(raw_lines, config)
    given = refine_title(title.strip() if title and title.strip() else None, page.text)
    found, language = _classify_to_fixed_point(page, given, config, boilerplate_lines or frozenset())
    result = _result(page, raw_lines, found, language)
    if capped:
        return CleanResult(
            result.text, result.title, result.language, (*result.removed, *capped), result.verdicts
        )
    return result

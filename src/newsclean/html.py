"""Main-text and metadata extraction from HTML, delegated to trafilatura, within a per-record budget.

trafilatura is the best-measured HTML extractor on our benchmark (see README), so we adapt it
rather than compete with it; our text cleaner then polishes its output. Options are fixed here,
chosen by measurement on the dev split (README, "HTML path"):

- ``include_comments=False``: user comments are not article body for our users (nor in gold);
- ``favor_recall=True``: on dev, mean F1 0.9554 -> 0.9568 and faster (46 -> 55 pages/s);
  ``favor_precision`` lost recall (F1 0.9375), dropping tables lost 0.007 F1;
- ``deduplicate=False``: trafilatura's duplicate filter keeps one process-wide cache, so the same
  page extracted twice (a retry, a re-run in a long-lived worker) could come back empty.

Metadata: only the fields a record lacks, see `newsclean.html_meta` (2.1 ms a page instead of
6.3 ms for ``with_metadata=True``, identical fields).

Against plain ``trafilatura.extract`` (84 pages/s): this module went from 1.51x to 1.22x its time,
the whole HTML path (extraction, polish, validation: ``transform_record``) from 1.79x to ~1.46x
(48 -> 57 pages/s). The rest is the polish (``clean_text`` without the line scorer, 1.7-1.9 ms,
the cleaner's own code), validation (0.3 ms) and the fields above. Not taken: ``fast=True``
(no readability/jusText fallback) is 27% faster but costs 0.012 dev F1; skipping the polish
saves ~1.8 ms for -0.0009 dev F1 but loses language, title handling and cross-page lines;
dropping htmldate or the author fallback would lose 92% of dates or 22% of authors.

Budget (reliability). One hostile page must not stall its chunk. Measured before the budget
(generated pages, one core): 100,000 sibling ``<p>`` (2.2 MB) took 32 s, 50,000 attributes on
one tag (0.5 MB) 57 s, 100,000 links 10 s, 4 MB of ``<p>`` 4 s; the slowest real eval page takes
0.12 s. Deep nesting needs no check: libxml2 stops at depth 255 and such pages return in 0.04 s.

- `check_html_shape` refuses pages over `MAX_HTML_CHARS`, `MAX_HTML_TAGS` or
  `MAX_TAG_ATTRIBUTES` before parsing, in 0.2 ms (linear, in C, no regular expression that could
  backtrack). It is the only guard against costs inside one C call (the attribute blow-up is in
  libxml2's parser), and all of these generated pages are now refused in under 0.03 s.
- `HTML_TIME_BUDGET_SECONDS` of wall-clock time per page, enforced by `newsclean.deadline` in
  whatever thread the chunk runs (SIGALRM would only reach the main thread; Prefect's thread
  pool, used for a single worker, and Dask run chunks in other threads). The interrupt lands at
  the next Python bytecode, so a page can overrun by one C call: a 4 MB ``class`` value stopped
  at 3.5 s.

A page over budget comes back as `HtmlOverBudget`; the caller cleans the record's text instead
and says so (see `newsclean.transform`).
"""

import operator
import time
from dataclasses import dataclass
from typing import Literal

from trafilatura import bare_extraction
from trafilatura.utils import load_html

from newsclean import deadline
from newsclean.html_meta import ALL_FIELDS, Wanted, extract_metadata

__all__ = [
    "ALL_FIELDS",
    "HTML_TIME_BUDGET_SECONDS",
    "MAX_HTML_CHARS",
    "MAX_HTML_TAGS",
    "MAX_TAG_ATTRIBUTES",
    "HtmlExtraction",
    "HtmlOverBudget",
    "Wanted",
    "check_html_shape",
    "extract_html",
]


MAX_HTML_CHARS = 5_000_000
"""Pages larger than this (5 M chars) skip HTML extraction: no real article needs more, and
trafilatura runs at roughly 1 s per MB on large pages."""

MAX_HTML_TAGS = 30_000
"""Start tags above which a page skips HTML extraction. Some of trafilatura's steps grow with the
square of the element count (10,000 sibling paragraphs: 0.3 s; 30,000: 2 s; 100,000: 32 s); the
largest eval page has 4,600 tags and a 50,000-tag page built from real markup extracts in 0.5 s,
so this leaves real pages a wide margin."""

MAX_TAG_ATTRIBUTES = 1_000
"""``=`` signs in one tag above which a page skips HTML extraction: libxml2 checks attribute
names pairwise (10,000 attributes: 0.4 s; 50,000: 57 s, uninterruptible C). Real tags have at most
~60 attributes on the eval pages."""

_ATTRIBUTE_SCAN_FROM = 10_000
"""``=`` signs in a page from which its tags are scanned one by one for `MAX_TAG_ATTRIBUTES`."""

HTML_TIME_BUDGET_SECONDS = 3.0
"""Wall-clock seconds trafilatura may spend on one page (25x the slowest eval page)."""


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """What trafilatura found in a page; every metadata field may be missing."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    site: str | None


@dataclass(frozen=True, slots=True)
class HtmlOverBudget:
    """The page was not extracted (``size``) or extraction was stopped (``time``).

    `detail` is a human sentence with the measured figure and the limit, for the audit trail.
    """

    kind: Literal["size", "time"]
    detail: str


def check_html_shape(html: str) -> str | None:
    """Why the page is too big or too odd to parse within budget, or None when it is fine.

    Linear and in C (``str.count``; ``split`` and ``map`` only on pages with many ``=``): 0.2 ms
    a page on the eval pages, and nothing here can backtrack on hostile input. A ``<`` count
    bounds the start tags from above, so the exact count only runs on pages that are already
    large; a page with fewer ``=`` than `_ATTRIBUTE_SCAN_FROM` cannot hold a tag bad enough to
    matter (10,000 attributes on one tag: 0.4 s).
    """
    if len(html) > MAX_HTML_CHARS:
        return f"{len(html):,} characters of HTML, over the {MAX_HTML_CHARS:,}-character budget"
    if html.count("<") > MAX_HTML_TAGS:
        tags = _count_start_tags(html)
        if tags > MAX_HTML_TAGS:
            return f"{tags:,} tags, over the {MAX_HTML_TAGS:,}-tag budget"
    if html.count("=") > _ATTRIBUTE_SCAN_FROM:
        pieces = html.split(">")
        counts = list(map(operator.methodcaller("count", "="), pieces))
        if max(counts) > MAX_TAG_ATTRIBUTES:
            # The piece before a '>' may hold text or script before the tag: only the tag counts.
            most = max(
                piece[piece.rfind("<") :].count("=")
                for piece, count in zip(pieces, counts, strict=True)
                if count > MAX_TAG_ATTRIBUTES
            )
            if most > MAX_TAG_ATTRIBUTES:
                return f"a tag with {most:,} attributes, over the {MAX_TAG_ATTRIBUTES:,}-attribute budget"
    return None


def _count_start_tags(html: str) -> int:
    """``<`` followed by a letter: start tags, as an HTML parser would open them."""
    return sum(1 for piece in html.split("<")[1:] if piece[:1].isascii() and piece[:1].isalpha())


def extract_html(
    html: str,
    url: str | None = None,
    *,
    wanted: Wanted = ALL_FIELDS,
    time_budget: float = HTML_TIME_BUDGET_SECONDS,
) -> HtmlExtraction | HtmlOverBudget | None:
    """Extract the main text of a page; None when the HTML holds nothing usable.

    `HtmlOverBudget` when the page is refused by `check_html_shape` or takes longer than
    `time_budget` seconds (0 turns the time budget off). Never raises: a parser failure on
    hostile HTML means "nothing usable", so the caller falls back to the record's plain text
    instead of losing the record.
    """
    if not html.strip():
        return None
    refused = check_html_shape(html)
    if refused is not None:
        return HtmlOverBudget("size", refused)
    if time_budget <= 0 or not deadline.available():
        return _extract_or_none(html, url, wanted)
    started = time.monotonic()
    try:
        return deadline.call_within(time_budget, lambda: _extract_or_none(html, url, wanted))
    except deadline.OutOfTime:
        elapsed = time.monotonic() - started
        return HtmlOverBudget(
            "time", f"HTML extraction stopped after {elapsed:.1f} s, over the {time_budget:g}-second budget"
        )


def _extract_or_none(html: str, url: str | None, wanted: Wanted) -> HtmlExtraction | None:
    """`_extract`, with any parser failure on hostile HTML taken as "nothing usable"."""
    try:
        return _extract(html, url, wanted)
    except Exception:
        return None


def _extract(html: str, url: str | None, wanted: Wanted) -> HtmlExtraction | None:
    tree = load_html(html)
    if tree is None:
        return None
    meta = extract_metadata(tree, url, wanted)
    # bare_extraction copies a tree it is given, so `tree` is left as `_metadata` saw it; the
    # canonical URL stands in for a missing one, as trafilatura does with_metadata=True.
    doc = bare_extraction(
        tree,
        url=url or meta.url,
        include_comments=False,
        favor_recall=True,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
    )
    if doc is None or isinstance(doc, dict):
        return None
    text = doc.text or ""
    if not text.strip():
        return None
    return HtmlExtraction(
        text=text,
        title=_clean_meta(meta.title),
        author=_clean_meta(meta.author),
        published=_clean_meta(meta.date),
        site=_clean_meta(meta.sitename),
    )


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None

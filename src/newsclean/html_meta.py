"""Trafilatura's metadata for the fields a record lacks: title, author, date, site name.

trafilatura's ``with_metadata=True`` cost 6.3 ms a page on top of its 11.8 ms extraction (400
eval pages, one core), mostly for what we never store or already have: categories and tags
(2.1), licence (0.5) and the author fallback (5.7 on the 45% of pages whose meta tags name no
author: three XPath searches whose ``re:test`` calls back into Python for every element, on a
deep copy of the whole page). Here trafilatura's own field extractors run in trafilatura's order,
only for the fields wanted, and `_fallback_author` does its author search in one pass without
the copy. Every field is identical to ``with_metadata=True`` given the same `DATE_PARAMS`, on all
400 eval pages (a test holds the dev pages and hand-made edge cases to it); metadata now costs
2.1 ms: meta tags and JSON-LD 0.6, the date 0.85 (htmldate, 370 dates in 400 pages), the author
0.6, the title 0.2. The price is coupling to trafilatura 2.3's internals, pinned by ``uv.lock``;
the equality tests fail loudly if an upgrade changes them.
"""

import re
from contextlib import suppress
from copy import deepcopy
from dataclasses import dataclass
from html import unescape
from typing import Any

from htmldate import find_date
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing, trim
from trafilatura.xml import delete_element


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which metadata fields to look for: those the record does not already carry.

    Each costs time (the date 0.85 ms a page, the author up to 1.4 ms), and a field the record
    has would be discarded anyway.
    """

    title: bool = True
    author: bool = True
    published: bool = True
    site: bool = True


ALL_FIELDS = Wanted()

DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "deferred_url_extractor": True,
}
"""htmldate's options for `published`: the original publication date (what `published` means).

- ``extensive_search=False``: htmldate's free-text search cost ~2.5 ms a page (16.3 -> 13.8 ms)
  for one date in 60 on dev;
- ``outputformat`` with time and zone: htmldate's (and trafilatura's) default ``%Y-%m-%d`` drops
  the time of day and zone a page states. A full timestamp now keeps both (no zone when the page
  gives none: `parse_published` then takes it as UTC); a date alone comes back as midnight;
- ``deferred_url_extractor=True``: a date in the URL (``/2019/11/18/``, day only) no longer wins
  over the page's own timestamps (meta tags, JSON-LD); it is used when the page states no date.

On the 400 eval pages: the same 370 dates found, 272 now with a time of day other than midnight
(0 before; 228 with the format alone), the same day on 363; on the other 7 the URL's day gave way
to the page's own, in UTC (``/2019/11/18/`` vs 2019-11-19T07:03:25+00:00, 23:03 in California).
Cost unchanged: ``find_date`` 0.823 -> 0.834 ms a page, all metadata 2.061 -> 2.069 ms (per-page
best of 7 runs).
"""


@dataclass(slots=True)
class Metadata:
    """The fields found (None where not wanted or not found), trimmed as trafilatura trims them."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_metadata(tree: Any, url: str | None, wanted: Wanted) -> Metadata:
    """Trafilatura's `extract_metadata`, restricted to the fields we store and the ones wanted.

    Same steps in the same order as trafilatura 2.3 (meta tags, JSON-LD, then per-field
    fallbacks, then its final trimming), so each field comes out identical; what is skipped is
    categories, tags, licence, and every fallback for a field the record already has.
    """
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    with suppress(Exception):  # trafilatura tolerates bugs in its JSON-LD parser the same way
        found = extract_meta_json(tree, found)
    meta = Metadata()
    if wanted.title:
        meta.title = found.title or extract_title(tree)
    if wanted.author:
        meta.author = found.author or _fallback_author(tree)
    page_url = found.url or extract_url(tree, url)
    meta.url = page_url
    if wanted.published:
        meta.date = find_date(tree, **DATE_PARAMS, url=page_url)
    if wanted.site:
        sitename = found.sitename or extract_sitename(tree)
        if sitename:
            sitename = sitename.lstrip("@")
            if sitename and "." not in sitename and not sitename[0].isupper():
                sitename = sitename.title()
        elif page_url and (match := META_URL.match(page_url)):
            sitename = match[1]
        meta.sitename = sitename
    meta.title, meta.author, meta.date, meta.sitename, meta.url = (
        _trim_like_trafilatura(value)
        for value in (meta.title, meta.author, meta.date, meta.sitename, meta.url)
    )
    return meta


def _trim_like_trafilatura(value: str | None) -> str | None:
    """Trafilatura's `Document.clean_and_trim`, for one field."""
    if not isinstance(value, str):
        return value
    if len(value) > 10000:
        value = value[:9999] + "…"
    trimmed: str | None = line_processing(unescape(value))
    return trimmed


# trafilatura 2.3's AUTHOR_XPATHS (three expressions, tried in turn) and AUTHOR_DISCARD_XPATHS as
# Python predicates. The regular expressions are trafilatura's own: lxml implements `re:test` with
# Python's `re.search` on the attribute's value, so these match exactly the same elements.
_AUTHOR_TAGS = (
    frozenset({"a", "address", "div", "link", "p", "span", "strong"}),
    frozenset({"a", "div", "h3", "h4", "p", "span"}),
)
_AUTHOR_CLASS_0 = re.compile("author-?name|AuthorName|authorName")
_AUTHOR_ID_1 = re.compile("author|zuozhe|bianji|xiaobian")
_AUTHOR_CLASS_1 = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
_AUTHOR_ID_2 = re.compile("[Aa]uthor")
_AUTHOR_CLASS_2 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _fallback_author(tree: Any) -> str | None:
    """Trafilatura's `extract_author` in one pass over the page, without copying it.

    trafilatura deep-copies the page, prunes comments, sidebars, dates and figures from the copy,
    then runs three XPath searches whose ``re:test`` calls back into Python for every element:
    5.7 ms a page. Pruning only removes elements, so the same candidates are the elements that
    match on the original page and have no pruned ancestor; each candidate's text is read from a
    copy of that element alone, pruned the same way: 1.4 ms where it runs, and a test holds the
    result equal to trafilatura's.
    """
    rel_me = {
        parent
        for rel in tree.iter("rel")
        if (parent := rel.getparent()) is not None and _pruned_copy(rel, tree).xpath("string()") == "me"
    }
    matches: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        cls, ident, itemprop = element.get("class"), element.get("id"), element.get("itemprop")
        if tag == "author" or (
            tag in _AUTHOR_TAGS[0]
            and (
                element.get("rel") == "author"
                or ident == "author"
                or cls == "author"
                or itemprop == "author name"
                or element in rel_me
                or element.get("data-testid") in ("AuthorCard", "AuthorURL")
                or (cls is not None and _AUTHOR_CLASS_0.search(cls) is not None)
            )
        ):
            matches[0].append(element)
        about_author = itemprop is not None and "author" in itemprop
        if tag in _AUTHOR_TAGS[1] and (
            cls in ("byline", "username", "byl", "BBL")
            or about_author
            or (ident is not None and _AUTHOR_ID_1.search(ident) is not None)
            or (cls is not None and _AUTHOR_CLASS_1.search(cls) is not None)
        ):
            matches[1].append(element)
        component = element.get("data-component")
        if (
            (component is not None and "Byline" in component)
            or about_author
            or (ident is not None and _AUTHOR_ID_2.search(ident) is not None)
            or (cls is not None and _AUTHOR_CLASS_2.search(cls) is not None)
        ):
            matches[2].append(element)
    for candidates in matches:
        for element in candidates:
            if any(_discarded(node, tree) for node in (element, *element.iterancestors())):
                continue
            content = trim(" ".join(_pruned_copy(element, tree).itertext()))
            if content and 2 < len(content) < 120:
                author: str | None = normalize_authors(None, content)
                return author
    return None


def _discarded(element: Any, root: Any) -> bool:
    """Whether trafilatura's author search prunes this element (AUTHOR_DISCARD_XPATHS)."""
    tag = element.tag
    if tag in ("time", "figure"):
        return True
    if element is root or tag not in _DISCARD_TAGS:  # the first expression is `.//*`: not the root
        return False
    ident, cls = element.get("id"), element.get("class")
    if ident is not None and (ident == "comments" or _DISCARD_ID.search(ident)):
        return True
    if cls is not None and (cls in ("comments", "title", "date") or _DISCARD_CLASS.search(cls)):
        return True
    component = element.get("data-component")
    return component is not None and "Figure" in component


def _pruned_copy(element: Any, root: Any) -> Any:
    """`element` with its pruned descendants deleted as trafilatura deletes them, on a copy.

    trafilatura deletes the first expression's matches, then the second's (time, figure), each in
    document order; the tails of deleted elements move to their neighbours, as here.
    """
    inside = [node for node in element.iterdescendants() if _discarded(node, root)]
    if not inside:
        return element
    copy = deepcopy(element)
    twin = dict(zip(element.iter(), copy.iter(), strict=True))
    in_time_or_figure = [node for node in inside if node.tag in ("time", "figure")]
    for node in [node for node in inside if node.tag not in ("time", "figure")] + in_time_or_figure:
        delete_element(twin[node])
    return copy

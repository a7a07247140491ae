"""Which column holds what: the well-known roles, found by common names or named by the user.

Names are compared after lower-casing and removing spaces, `_` and `-`, so `Raw_Text`, `raw text`
and `rawtext` are one name. The first synonym present wins, in the order listed.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsclean.readers.options import ReaderOptions
from newsclean.records import InputError, RawRecord

ROLES: dict[str, tuple[str, ...]] = {
    "id": ("id", "docid", "documentid", "articleid", "uuid", "key", "recordid"),
    "text": (
        "text",
        "rawtext",
        "content",
        "body",
        "articletext",
        "article",
        "maintext",
        "fulltext",
        "plaintext",
    ),
    "html": ("html", "rawhtml", "pagehtml", "htmlcontent", "sourcehtml"),
    "title": ("title", "headline", "pagetitle"),
    "url": ("url", "link", "uri", "canonicalurl", "pageurl", "href"),
    "site": ("site", "source", "domain", "sitename", "publisher", "website", "host"),
    "published": (
        "published",
        "date",
        "publishedat",
        "pubdate",
        "publishdate",
        "datetime",
        "timestamp",
        "datepublished",
    ),
}
"""Role -> normalised synonyms, most specific first."""

_OPTION_FOR_ROLE = {
    "id": "id_column",
    "text": "text_column",
    "html": "html_column",
    "title": "title_column",
    "url": "url_column",
    "site": "site_column",
    "published": "date_column",
}
_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    """Compare column names loosely: case, spaces, `_` and `-` do not matter."""
    return _SEPARATORS.sub("", name.strip().lower())


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Role -> the exact column name in the file (None when the file has no such column)."""

    roles: Mapping[str, str | None]

    def get(self, role: str) -> str | None:
        """The column for a role."""
        return self.roles.get(role)

    @property
    def has_content(self) -> bool:
        """A file needs a text or an html column to be worth reading."""
        return bool(self.roles.get("text") or self.roles.get("html"))


def resolve_columns(columns: Iterable[str], options: ReaderOptions, source: str) -> ColumnMap:
    """Map roles to a file's columns, honouring the user's overrides.

    Raises:
        InputError: an override names a column the file does not have.
    """
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise(column), column)
    roles: dict[str, str | None] = {}
    for role, synonyms in ROLES.items():
        override = getattr(options, _OPTION_FOR_ROLE[role])
        if override is not None:
            if normalise(override) not in by_norm:
                flag = "--" + _OPTION_FOR_ROLE[role].replace("_", "-")
                msg = f"{source}: column {override!r} ({flag}) not found; columns: {sorted(by_norm.values())}"
                raise InputError(msg)
            roles[role] = by_norm[normalise(override)]
        else:
            roles[role] = next((by_norm[s] for s in synonyms if s in by_norm), None)
    return ColumnMap(roles)


def require_content(columns: ColumnMap, found: Iterable[str], source: str) -> None:
    """Fail the file early when no column can hold a page.

    Raises:
        InputError: naming the columns that were found.
    """
    if not columns.has_content:
        msg = f"{source}: no text or html column; columns found: {list(found)} (use --text-column)"
        raise InputError(msg)


def build_record(
    source: str, index: int, line: int | None, raw: dict[str, str | None], columns: ColumnMap
) -> RawRecord:
    """A RawRecord with its roles filled from `raw`; blank values count as missing."""

    def value(role: str) -> str | None:
        column = columns.get(role)
        found = raw.get(column) if column is not None else None
        return found if found and found.strip() else None

    return RawRecord(
        source_file=source,
        record_index=index,
        raw=raw,
        line_number=line,
        id=value("id"),
        text=value("text"),
        html=value("html"),
        title=value("title"),
        url=value("url"),
        site=value("site"),
        published=value("published"),
    )

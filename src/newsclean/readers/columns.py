"""Which column holds what: the well-known roles, found by common names or named by the user.

Names are compared after lower-casing and removing spaces, `_` and `-`, so `Raw_Text`, `raw text`
and `rawtext` are one name. The first synonym present wins, in the order listed.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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


def unique_header(names: Iterable[str]) -> list[str]:
    """Header names made usable as dict keys: stripped, blanks named, duplicates numbered.

    `raw` is a dict, so two columns called `title` would silently lose one; the second becomes
    `title_2` instead, and a blank name becomes `_col3` (its 1-based position).
    """
    seen: set[str] = set()
    result: list[str] = []
    for position, name in enumerate(names, start=1):
        base = name.strip() or f"_col{position}"
        unique, suffix = base, 2
        while unique in seen:
            unique, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(unique)
        result.append(unique)
    return result


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Role -> the exact column name in the file (None when the file has no such column)."""

    roles: Mapping[str, str | None]
    ordered: tuple[str | None, ...] = field(init=False)
    """The columns in `ROLES` order, which is RawRecord's field order after `line_number`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ordered", tuple(self.roles.get(role) for role in ROLES))

    def get(self, role: str) -> str | None:
        """The column for a role."""
        return self.roles.get(role)

    @property
    def has_content(self) -> bool:
        """A file needs a text or an html column to be worth reading."""
        return bool(self.roles.get("text") or self.roles.get("html"))


def resolve_columns(
    columns: Iterable[str], options: ReaderOptions, source: str, *, strict: bool = True
) -> ColumnMap:
    """Map roles to a file's columns, honouring the user's overrides.

    Args:
        columns: the file's column names (a delimited header, or one JSON object's keys).
        options: the user's overrides.
        source: the file, for messages.
        strict: whether an override naming a missing column is an error. JSON Lines objects
            may omit keys, so only the first object is checked strictly.

    Raises:
        InputError: (strict) an override names a column the file does not have.
    """
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise(column), column)
    roles: dict[str, str | None] = {}
    for role, synonyms in ROLES.items():
        override = getattr(options, _OPTION_FOR_ROLE[role])
        if override is None:
            roles[role] = next((by_norm[s] for s in synonyms if s in by_norm), None)
        elif normalise(override) in by_norm:
            roles[role] = by_norm[normalise(override)]
        elif strict:
            flag = "--" + _OPTION_FOR_ROLE[role].replace("_", "-")
            msg = f"{source}: column {override!r} ({flag}) not found; columns: {list(by_norm.values())}"
            raise InputError(msg)
        else:
            roles[role] = None
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
    """A RawRecord with its roles filled from `raw`; blank values count as missing.

    `isspace()` rather than `strip()`: it answers without copying a multi-megabyte HTML field.
    """
    values = []
    for column in columns.ordered:
        found = raw.get(column) if column is not None else None
        values.append(found if found and not found.isspace() else None)
    return RawRecord(source, index, raw, line, *values)

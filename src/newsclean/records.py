"""The raw record: what a reader yields, before any cleaning or validation."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read from an input file, with its well-known columns already resolved.

    Readers never raise for a bad record: they yield it with ``error`` set, so the pipeline can
    turn it into a Reject that keeps ``raw`` (nothing is lost silently).

    Attributes:
        source_file: path of the file the record came from, as the user gave it.
        record_index: 0-based position of the record among the file's data records.
        line_number: 1-based physical line where the record starts (None where meaningless).
        raw: every field of the record as read (column name -> value); for an unparseable
            record, ``{"_raw": <the raw text>}``.
        id, text, html, title, url, site, published: the resolved well-known columns (None if
            absent or empty).
        error: why the reader could not parse this record, or None.
    """

    source_file: str
    record_index: int
    raw: dict[str, str | None]
    line_number: int | None = None
    id: str | None = None
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    published: str | None = None
    error: str | None = field(default=None)


class InputError(Exception):
    """A whole input file cannot be read; the message names the file and what is wrong."""

"""The data contract: the clean `Article` and the `Reject` that keeps what could not be cleaned.

These pydantic models are the single definition of a record's meaning; the Arrow schema in
`newsclean.schema` mirrors them (a test keeps the two in step) and the JSON Schemas in
`schemas/` are exported from them (a test fails when they drift).
"""

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from newsclean.reasons import Reason, RejectReason

SCHEMA_VERSION = "1.0.0"
"""Version of the Article/Reject contract; additive changes bump the minor, others the major."""


def _require_utc(value: datetime) -> datetime:
    """Reject naive datetimes: a timestamp without a zone is ambiguous for every downstream reader."""
    if value.tzinfo is None:
        msg = "timestamp must carry a timezone"
        raise ValueError(msg)
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_require_utc)]

Extraction = Literal["text", "html", "html_fallback_text"]
"""Which path produced the text: the plain-text cleaner, trafilatura on the HTML, or the text
cleaner after the HTML yielded nothing useful."""


class RemovedItem(BaseModel):
    """One line or span the cleaner removed, kept so that every removal can be audited."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reason: Reason = Field(description="Why it was removed (a stable reason code).")
    kind: Literal["line", "span"] = Field(description="A whole line, or a span cut inside a kept line.")
    line: int = Field(ge=0, description="0-based line index in the text given to the cleaner.")
    text: str = Field(description="Exactly what was removed.")


class Article(BaseModel):
    """A cleaned, validated page: one row of the `articles` dataset."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="The record's id, or a stable id derived from its content.")
    id_derived: bool = Field(description="True when the input had no id and `id` was derived.")
    source_file: str = Field(min_length=1, description="Input file the record came from.")
    record_index: int = Field(ge=0, description="0-based position of the record in its file.")
    url: str | None = Field(description="Page URL, if the input had one.")
    site: str | None = Field(description="Site or publisher: the input's, else the URL's host.")
    title: str | None = Field(description="Headline: the input's, else found in the page.")
    author: str | None = Field(description="Author, when the HTML metadata names one.")
    published: UtcDatetime | None = Field(description="Publication time in UTC, if known.")
    language: str | None = Field(description="ISO 639-1 code detected from the text.")
    text: str = Field(
        min_length=1,
        description="Cleaned body; paragraphs separated by a blank line, a table row's cells by a tab.",
    )
    word_count: int = Field(
        ge=1,
        description=(
            "Words in `text`: whitespace-separated, with Chinese, Japanese and Thai script (written "
            "without spaces) counted at two characters a word."
        ),
    )
    content_hash: str = Field(
        pattern=r"^[0-9a-f]{32}$",
        description="xxh3-128 of `text`; equal hashes are exact duplicates.",
    )
    chars_in: int = Field(ge=0, description="Characters of input text (or HTML) given to the cleaner.")
    chars_out: int = Field(ge=1, description="Characters in `text`.")
    extraction: Extraction = Field(description="Which path produced `text`.")
    removed: list[RemovedItem] = Field(description="Every removed line and span, in input order.")
    cleaner_version: str = Field(description="Version of the cleaning rules that produced `text`.")
    ingested_at: UtcDatetime = Field(description="When this run started (UTC), shared by its records.")


class Reject(BaseModel):
    """A record that could not become an Article; the raw record is kept whole so nothing is lost."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_file: str = Field(min_length=1, description="Input file the record came from.")
    record_index: int = Field(ge=0, description="0-based position of the record in its file.")
    line_number: int | None = Field(description="1-based line where the record starts, if known.")
    id: str | None = Field(description="The record's id, if one could be read.")
    reason_code: RejectReason = Field(description="Machine-readable reason (the first, if several).")
    reason: str = Field(min_length=1, description="One-line human explanation naming what was wrong.")
    raw_record: str = Field(description="The whole raw record as a JSON object of column -> value.")
    cleaner_version: str = Field(description="Version of the cleaning rules used for the attempt.")
    ingested_at: UtcDatetime = Field(description="When this run started (UTC).")

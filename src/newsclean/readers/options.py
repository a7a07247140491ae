"""Options that tell the readers which columns hold what, and how a file is delimited."""

from pydantic import BaseModel, ConfigDict, Field


class ReaderOptions(BaseModel):
    """How to read input files; every field is optional because sniffing covers the common case.

    A column override names the header (case-insensitive) to use instead of the built-in
    synonyms, e.g. ``text_column="article_body"``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id_column: str | None = None
    text_column: str | None = None
    html_column: str | None = None
    title_column: str | None = None
    url_column: str | None = None
    site_column: str | None = None
    date_column: str | None = None
    delimiter: str | None = Field(
        default=None, min_length=1, max_length=1, description="Single-character delimiter; sniffed if None."
    )
    encoding: str | None = Field(default=None, description="Force an encoding; detected if None.")

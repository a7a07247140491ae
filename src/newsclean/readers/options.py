"""Options that tell the readers which columns hold what, and how a file is delimited."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

_DELIMITER_ALIASES = {"\\t": "\t", "tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
"""Spellings a shell user can type for delimiters that are awkward to pass (`--delimiter tab`)."""

DEFAULT_MAX_FIELD_CHARS = 64 << 20
"""64 Mi characters: far above any real page, low enough that one bad record cannot exhaust memory."""


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
    max_field_chars: int = Field(
        default=DEFAULT_MAX_FIELD_CHARS,
        ge=1024,
        description="Largest delimited field read; a record with a larger one becomes an error record.",
    )

    @field_validator("delimiter", mode="before")
    @classmethod
    def _delimiter_alias(cls, value: Any) -> Any:
        r"""Accept `tab`, `\\t` and friends; refuse characters the csv module cannot split on."""
        if isinstance(value, str):
            value = _DELIMITER_ALIASES.get(value.lower(), value)
            if value in {'"', "\r", "\n"}:
                msg = f"{value!r} cannot be a delimiter"
                raise ValueError(msg)
        return value

"""Turn one raw record into an `Article` or a `Reject`: the per-record unit of work.

Every record leaves this module as exactly one of the two (the accounting invariant starts
here); any failure while cleaning one record becomes a Reject naming the record, never an
exception that would take its whole chunk down.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import xxhash
from dateutil import parser as date_parser
from pydantic import ValidationError

from newsclean.cleaning import CLEANER_VERSION, DEFAULT_CONFIG, CleanerConfig, clean_text, word_count
from newsclean.cleaning.result import CleanResult, Removal
from newsclean.html import HtmlExtraction, HtmlOverBudget, Wanted, extract_html
from newsclean.htmlsniff import is_html_document
from newsclean.models import Article, Extraction, Reject
from newsclean.reasons import Reason, RejectReason
from newsclean.records import RawRecord
from newsclean.textfix import repair_text


@dataclass(frozen=True, slots=True)
class TransformSettings:
    """What every record of a run shares: the run's timestamp and the cleaner's settings."""

    ingested_at: datetime
    cleaner: CleanerConfig | None = None
    use_html: bool = True


def derive_id(record: RawRecord) -> str:
    """A stable id for a record that has none, from its content rather than its position.

    Content-based, so the same page gets the same id in any dump and on every re-run; position
    (file, row) would change whenever a dump is re-exported in another order.
    """
    digest = xxhash.xxh3_64()
    for part in (record.url, record.text, record.html):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return f"nc-{digest.hexdigest()}"


def content_hash(text: str) -> str:
    """128-bit hash of the cleaned text: equal hashes mean exact duplicates."""
    return xxhash.xxh3_128_hexdigest(text.encode("utf-8", "surrogatepass"))


def parse_published(value: str | None) -> datetime | None:
    """Parse a publication date in any common format into UTC; None when absent or unreadable.

    A naive timestamp is taken as UTC: dumps rarely say otherwise, and a consistent guess is
    better for downstream joins than dropping the value.
    """
    if not value or not value.strip():
        return None
    try:
        parsed = date_parser.parse(value.strip())
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def site_from_url(url: str | None) -> str | None:
    """The URL's host without a leading 'www.', as a fallback site name."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


class HtmlOverBudgetError(Exception):
    """A record with only HTML, and HTML over the per-record budget: it becomes a Reject."""

    def __init__(self, over: HtmlOverBudget) -> None:
        super().__init__(over.detail)
        self.over = over


def html_source_read_as_html(record: RawRecord) -> RawRecord:
    """The record, with its text moved to `html` when the text is a page's source and it has none.

    Some exports put the source in the text column: read as text, every line of markup would go.
    """
    if record.html and record.html.strip():
        return record
    if record.text and is_html_document(record.text):
        return replace(record, html=record.text, text=None)
    return record


def clean_record(
    record: RawRecord, settings: TransformSettings, boilerplate: frozenset[str] = frozenset()
) -> tuple[CleanResult, Extraction, int, dict[str, str | None]]:
    """Run the HTML path when there is HTML, falling back to the text path when it yields nothing.

    Returns the cleaning result, which path gave it, the characters it read and the metadata
    found in the HTML; the flow and `newsclean clean` both clean a page through here.

    `boilerplate` holds the `line_key`s of the record's site template (see `sitelines`).
    Raises `HtmlOverBudgetError` when the HTML is over budget and there is no text to fall back on.
    """
    meta: dict[str, str | None] = {"author": None, "published": None, "site": None}
    title = repair_text(record.title) if record.title else None
    if settings.use_html and record.html:
        # Metadata the record already carries would be discarded: not looking for it saves time.
        wanted = Wanted(
            title=not (title and title.strip()),
            published=not record.published,
            site=not record.site,
        )
        extraction = extract_html(record.html, record.url, wanted=wanted)
        over_budget = extraction if isinstance(extraction, HtmlOverBudget) else None
        if isinstance(extraction, HtmlExtraction):
            polish = (settings.cleaner or DEFAULT_CONFIG).model_copy(update={"score_lines": False})
            result = clean_text(
                repair_text(extraction.text, markup=False),
                title=title or extraction.title,
                config=polish,
                boilerplate_lines=boilerplate,
            )
            meta = {
                "author": extraction.author,
                "published": extraction.published,
                "site": extraction.site,
            }
            if result.text or not record.text:
                if result.title is None and extraction.title:
                    result = _with_title(result, extraction.title)
                return result, "html", len(record.html), meta
        if record.text:
            result = clean_text(
                repair_text(record.text), title=title, config=settings.cleaner, boilerplate_lines=boilerplate
            )
            if over_budget is not None:
                result = _noting_budget(result, over_budget)
            return result, "html_fallback_text", len(record.text), meta
        if over_budget is not None:
            raise HtmlOverBudgetError(over_budget)
    text = record.text or ""
    result = clean_text(
        repair_text(text), title=title, config=settings.cleaner, boilerplate_lines=boilerplate
    )
    return result, "text", len(text), meta


def _noting_budget(result: CleanResult, over: HtmlOverBudget) -> CleanResult:
    """The text-path result, with a note saying the HTML was skipped and why.

    The note is a `size_cap` removal, as the cleaner records its own size cap (a bracketed note,
    not removed text), so a user filtering ``removed.reason`` finds every record whose input was
    not fully used; ``extraction`` is ``html_fallback_text``.
    """
    note = Removal(Reason.SIZE_CAP, f"[HTML not used: {over.detail}]", "line", 0)
    return CleanResult(
        text=result.text,
        title=result.title,
        language=result.language,
        removed=(note, *result.removed),
        verdicts=result.verdicts,
    )


def _with_title(result: CleanResult, title: str) -> CleanResult:
    return CleanResult(
        text=result.text,
        title=title,
        language=result.language,
        removed=result.removed,
        verdicts=result.verdicts,
    )


def reject(record: RawRecord, code: RejectReason, reason: str, settings: TransformSettings) -> Reject:
    """A Reject that keeps the whole raw record, so nothing read is ever lost."""
    return Reject(
        source_file=record.source_file,
        record_index=record.record_index,
        line_number=record.line_number,
        id=record.id,
        reason_code=code,
        reason=reason,
        raw_record=json.dumps(record.raw, ensure_ascii=False),
        cleaner_version=CLEANER_VERSION,
        ingested_at=settings.ingested_at,
    )


def _where(record: RawRecord) -> str:
    line = f", line {record.line_number}" if record.line_number else ""
    return f"{record.source_file}: record {record.record_index}{line}"


def transform_record(
    record: RawRecord, settings: TransformSettings, boilerplate: frozenset[str] = frozenset()
) -> Article | Reject:
    """Clean and validate one record; returns the Article, or the Reject saying why not.

    `boilerplate`: `line_key`s of lines the pipeline found on many pages of the record's site.
    """
    if record.error:
        return reject(record, RejectReason.MALFORMED, f"{_where(record)}: {record.error}", settings)
    read = html_source_read_as_html(record)
    source_as_text, record = read is not record, read
    has_html = bool(record.html and record.html.strip())
    if not (record.text and record.text.strip()) and not (has_html and settings.use_html):
        # Nothing to clean: HTML that is not used (use_html=False) is not content either.
        what = "no text or html"
        if has_html:
            what = "the text is HTML (HTML not used)" if source_as_text else "no text (HTML not used)"
        return reject(record, RejectReason.NO_CONTENT, f"{_where(record)}: {what}", settings)
    try:
        result, extraction, chars_in, meta = clean_record(record, settings, boilerplate)
    except Exception as exc:
        code, message = _failure(record, exc)
        return reject(record, code, message[:1000], settings)
    if not result.text:
        return _empty_reject(record, result, settings)
    try:
        return _build_article(record, settings, result, extraction, chars_in, meta)
    except ValidationError as exc:
        errors = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return reject(record, RejectReason.INVALID, f"{_where(record)}: {errors}"[:1000], settings)


def _empty_reject(record: RawRecord, result: CleanResult, settings: TransformSettings) -> Reject:
    """The reject for a record that cleaning emptied.

    A scrape that got an error page is told apart from a page of boilerplate: it is the fetch
    that needs doing again.
    """
    error = next((r.text for r in result.removed if r.reason is Reason.ERROR_PAGE), None)
    if error is not None:
        message = f"{_where(record)}: an error page, not an article ({error[:80]!r})"
        return reject(record, RejectReason.ERROR_PAGE, message, settings)
    count = len(result.removed)
    if not count and record.html and not record.text:
        why = "the HTML yielded no text"
    else:
        why = f"{count} removal{'' if count == 1 else 's'}"
    message = f"{_where(record)}: empty after cleaning ({why})"
    return reject(record, RejectReason.EMPTY_AFTER_CLEANING, message, settings)


def _failure(record: RawRecord, exc: Exception) -> tuple[RejectReason, str]:
    """The reject code and message for a record whose cleaning raised."""
    if isinstance(exc, HtmlOverBudgetError):
        code = RejectReason.TOO_LARGE if exc.over.kind == "size" else RejectReason.TIMEOUT
        return code, f"{_where(record)}: HTML over budget: {exc.over.detail}"
    return RejectReason.PROCESSING_ERROR, f"{_where(record)}: cleaning failed: {type(exc).__name__}: {exc}"


def _build_article(
    record: RawRecord,
    settings: TransformSettings,
    result: CleanResult,
    extraction: Extraction,
    chars_in: int,
    meta: Mapping[str, str | None],
) -> Article:
    text = result.text
    return Article(
        id=record.id or derive_id(record),
        id_derived=not record.id,
        source_file=record.source_file,
        record_index=record.record_index,
        url=record.url,
        site=record.site or meta["site"] or site_from_url(record.url),
        title=result.title,
        author=meta["author"],
        published=parse_published(record.published or meta["published"]),
        language=result.language,
        text=text,
        word_count=word_count(text),
        content_hash=content_hash(text),
        chars_in=chars_in,
        chars_out=len(text),
        extraction=extraction,
        removed=[
            {"reason": r.reason, "kind": r.kind, "line": r.line, "text": r.text} for r in result.removed
        ],
        cleaner_version=CLEANER_VERSION,
        ingested_at=settings.ingested_at,
    )


def article_row(article: Article) -> dict[str, Any]:
    """The Arrow row of an Article (plain Python values matching `ARTICLE_SCHEMA`)."""
    return article.model_dump(mode="python")


def reject_row(rejected: Reject) -> dict[str, Any]:
    """The Arrow row of a Reject (plain Python values matching `REJECT_SCHEMA`)."""
    return rejected.model_dump(mode="python")

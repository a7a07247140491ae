"""Reason codes: why the cleaner removed a line or a span, and why a record was rejected.

Codes are stable strings because they are stored in Parquet (`removed.reason`, `rejects.reasons`)
and users filter on them; add new members freely, never rename or reuse one.
"""

from enum import StrEnum


class Reason(StrEnum):
    """Why a line or span was removed from a page's text."""

    NAVIGATION = "navigation"
    BREADCRUMB = "breadcrumb"
    TITLE_REPEAT = "title_repeat"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION_CREDIT = "caption_credit"
    SHARE_WIDGET = "share_widget"
    RELATED_LIST = "related_list"
    TAG_LIST = "tag_list"
    AUTHOR_BIO = "author_bio"
    ADVERT = "advert"
    PROMPT = "prompt"  # newsletter, cookie, paywall, sign-in prompts
    LEGAL_FOOTER = "legal_footer"
    COMMENTS = "comments"
    ERROR_PAGE = "error_page"  # an HTTP error or blocked page's message ('Page not found', 'Access denied')
    REPEATED_ACROSS_PAGES = "repeated_across_pages"
    HOVER_CARD = "hover_card"
    SHORT_FRAGMENT = "short_fragment"  # too little language to be body text
    OUTSIDE_CONTENT = "outside_content"  # before/after the main content region
    LOW_CONTENT_SCORE = "low_content_score"  # inside the page, but scored as boilerplate
    DUPLICATE_LINE = "duplicate_line"  # the same line already kept on this page
    CONTROL_CHARS = "control_chars"
    SIZE_CAP = "size_cap"


class RejectReason(StrEnum):
    """Why a whole record went to the rejects dataset instead of the articles dataset."""

    MALFORMED = "malformed"  # the reader could not parse the record (bad JSON, wrong field count)
    NO_CONTENT = "no_content"  # no text, and no html (or html not used: use_html=False)
    EMPTY_AFTER_CLEANING = "empty_after_cleaning"  # there was text (or used html); cleaning left nothing
    ERROR_PAGE = "error_page"  # cleaning left nothing, and the page said it was an error ('Page not found')
    INVALID = "invalid"  # failed Article validation
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    PROCESSING_ERROR = "processing_error"  # an unexpected failure while cleaning this one record

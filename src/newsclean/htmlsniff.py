"""Telling a page's HTML source from its visible text, for records and page files that do not say.

Some exports put the page's source in the text column, and some folders of `.html` pages hold
plain text; the record goes to the path its content needs (`newsclean.transform`, the page reader).
"""

import re

_DOCUMENT_TAG = re.compile(
    r"<(?:!doctype html|/?(?:html|head|body|div|p|span|a|article|section|main|table|tr|td|ul|ol|li|"
    r"h[1-6]|script|style|meta|link|br|img|nav|header|footer)\b)",
    re.IGNORECASE,
)
_SNIFF_CHARS = 2000
_DOCUMENT_MIN_TAGS = 3


def is_html_document(text: str) -> bool:
    """Is this a page's HTML source rather than its visible text?

    Some exports put the source in the text column; read as text, every line of markup goes as
    junk and the record comes out empty. It starts with a tag and its first characters hold
    several of HTML's own (a plain page that opens with '<3' or '<<' holds none).
    """
    head = text.lstrip("\ufeff \t\r\n")[:_SNIFF_CHARS]
    return head.startswith("<") and len(_DOCUMENT_TAG.findall(head)) >= _DOCUMENT_MIN_TAGS

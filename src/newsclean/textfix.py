"""Repairs to a record's text before cleaning: mojibake, HTML entities, control characters, line ends.

Mojibake (UTF-8 read as Windows-1252: "â€œbusiness", "CafÃ©") is repaired with ftfy's
`fix_encoding`, which only undoes encoding mix-ups and leaves quotes, ligatures and widths as
written. ftfy costs ~2 ms on a 13 KB page, so it runs only where a cheap pattern sees the
byte-pair signature of mojibake (a Latin-1 lead character followed by a continuation-range one).

Markup a scraper left in a page's text is undone. A text with no line break but `<br>` or `<p>`
tags where its lines end (an export that kept each record on one line for a spreadsheet) gets its
line breaks back, so the cleaner sees lines. HTML entities left by a scraper that stripped tags
without decoding ('Tom &amp; Jerry', 'Caf&eacute;') are decoded with ftfy's `unescape_html`, which
takes only entities that end in a semicolon ('this&not that' and a URL's '?a=1&copy=2' stay), and
only in text that holds no tags: a page about HTML ('write &lt;p&gt;') quotes its tags too.
"""

import re

import ftfy
import ftfy.fixes

_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_BREAK_TAG = re.compile(r"<br\s*/?>|</?p\s*>", re.IGNORECASE)
_MIN_BREAK_TAGS = 2
"""Line-break tags a text with no line break must hold to have them read as its line breaks."""
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[A-Za-z/!]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


def repair_text(text: str, *, markup: bool = True) -> str:
    """The text with mojibake undone, a scraper's markup undone and control characters dropped.

    Unicode line separators become newlines, so the cleaner sees the lines a reader would.
    `markup=False` is for text an HTML parser made: its entities are decoded already, and an
    '&amp;' or a '<br>' left in it is what the page showed.
    """
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_encoding(text)
    if markup and "<" in text and "\n" not in text and len(_BREAK_TAG.findall(text)) >= _MIN_BREAK_TAGS:
        text = _BREAK_TAG.sub("\n", text)
    if markup and "&" in text and _ENTITY.search(text) and not _TAG.search(text):
        text = ftfy.fixes.unescape_html(text)
    text = _LINE_SEPARATORS.sub("\n", text)
    return _CONTROL.sub("", text)

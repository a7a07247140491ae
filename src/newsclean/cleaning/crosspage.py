"""Cross-page evidence: lines that recur on many pages of one site are its template, not a story.

The cleaner sees one page at a time; the pipeline sees a whole site. It can count `line_key` over
a site's pages and pass the keys of lines seen on many of them to `clean_text(...,
boilerplate_lines=...)`, which then drops those lines with reason `repeated_across_pages`. The key
ignores case, punctuation and spacing, so a menu still matches after small template changes.
"""

import xxhash

from newsclean.cleaning.features import lower_words


def line_key(line: str) -> str:
    """The normalised hash of a line: xxh3-64 of its lowercased words joined by single spaces."""
    return str(xxhash.xxh3_64_hexdigest(lower_words(line).encode("utf-8")))

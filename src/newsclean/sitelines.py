"""Cross-page evidence: the short lines each site repeats on many of its pages in one dump.

One page cannot tell a menu item or a footer from a one-line paragraph; a site's pages can: what
recurs on half of them is the template. This is the two-pass idea of ccnet's paragraph hashing
and deboiler, applied per input file: a first streaming pass counts, per site, on how many
distinct pages each normalised line (`line_key`) occurs; the cleaning pass then drops those lines
(reason `repeated_across_pages`).

Memory stays bounded whatever the dump's size: the counter is a lossy counter (Manku & Motwani)
capped at `max_entries`; when full, it forgets the rarest lines first. A forgotten line can only
be under-counted, never over-counted, so the cap costs recall on rare template lines and never
precision.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import xxhash

from newsclean.cleaning import line_key
from newsclean.records import RawRecord
from newsclean.transform import site_from_url

SiteTemplates = Mapping[str, frozenset[str]]
"""Site -> `line_key`s of its template lines."""


@dataclass(frozen=True, slots=True)
class SiteLineSettings:
    """When a line counts as a site's template.

    Attributes:
        min_pages: a site needs this many distinct pages before any of its lines is judged, and a
            line must be on at least this many: a story syndicated twice is not a template.
        min_share: the share of the site's distinct pages a line must be on.
        max_words: longer lines are never counted: templates are menus, labels and footers, and a
            long repeated line is more likely a syndicated paragraph than a template.
        max_entries: the counter's memory cap, in (site, line) entries (~130 bytes each); the
            hashes of counted pages' long lines (for spotting copies) stop growing at the same
            number (~60 bytes each). Only the per-site page counts grow with the number of sites.
    """

    min_pages: int = 5
    min_share: float = 0.5
    max_words: int = 20
    max_entries: int = 500_000


def record_site(record: RawRecord) -> str | None:
    """The site a record belongs to: its site column, else its URL's host."""
    return record.site or site_from_url(record.url)


_DELTA_BITS = 32
_DELTA_MASK = (1 << _DELTA_BITS) - 1
_KEY_BITS = 64
_KEY_MASK = (1 << _KEY_BITS) - 1


@dataclass(slots=True)
class SiteLineCounter:
    """Counts on how many distinct pages of each site every short line occurs.

    Entries are packed into plain ints (site number and 64-bit line hash as the key; count and
    maximum undercount as the value), ~130 bytes each against ~240 for tuples and lists, because
    the entry cap is what bounds the pass's memory.
    """

    settings: SiteLineSettings = field(default_factory=SiteLineSettings)
    pages: dict[str, int] = field(default_factory=dict)
    """Distinct pages counted per site."""
    _site_numbers: dict[str, int] = field(default_factory=dict)
    _counts: dict[int, int] = field(default_factory=dict)
    """(site number << 64 | line hash) -> (count << 32 | maximum undercount): the lossy counter."""
    _seen_body: set[int] = field(default_factory=set)
    """(site number << 64 | line hash) of the long lines of pages counted so far (capped)."""
    _bucket: int = 0
    """How many pruning rounds ran: the most any entry can be under-counted by."""

    def add(self, site: str, text: str) -> None:
        """Count one page's short lines once each, unless the page repeats one already counted.

        A page whose long lines (its body) were mostly seen on the site before is a copy of an
        earlier page (a re-crawl, a story updated with a new timestamp): counting its short lines
        again would turn the story's own subheadings into "template" lines.
        """
        number = self._site_numbers.setdefault(site, len(self._site_numbers))
        max_words = self.settings.max_words
        short: set[int] = set()
        body: set[int] = set()
        for line in text.splitlines():
            words = len(line.split())
            if not words:
                continue
            if words <= max_words:
                short.add(int(line_key(line), 16))
            else:  # copies repeat body lines verbatim: a raw hash is enough, and 3x cheaper
                body.add(xxhash.xxh3_64_intdigest(line.encode("utf-8", "surrogatepass")))
        if not body:
            body = {xxhash.xxh3_64_intdigest(text.encode("utf-8", "surrogatepass"))}
        body = {number << _KEY_BITS | key for key in body}
        seen = self._seen_body
        if 2 * len(body & seen) > len(body):
            return
        if len(seen) < self.settings.max_entries:
            seen.update(body)
        self.pages[site] = self.pages.get(site, 0) + 1
        counts, new_entry, one = self._counts, (1 << _DELTA_BITS) | self._bucket, 1 << _DELTA_BITS
        for key in short:
            packed = number << _KEY_BITS | key
            value = counts.get(packed)
            counts[packed] = new_entry if value is None else value + one
        if len(counts) > self.settings.max_entries:
            self._prune()

    def _prune(self) -> None:
        """Forget the rarest lines until a quarter of the cap is free again."""
        target = self.settings.max_entries * 3 // 4
        counts = self._counts
        while len(counts) > target:
            self._bucket += 1
            bucket = self._bucket
            for packed in [k for k, v in counts.items() if (v >> _DELTA_BITS) + (v & _DELTA_MASK) <= bucket]:
                del counts[packed]

    def templates(self) -> dict[str, frozenset[str]]:
        """Each site's template lines: those on enough of its distinct pages (counts are lower bounds)."""
        settings = self.settings
        needed = {
            self._site_numbers[site]: max(settings.min_pages, math.ceil(settings.min_share * pages))
            for site, pages in self.pages.items()
            if pages >= settings.min_pages
        }
        names = {number: site for site, number in self._site_numbers.items()}
        found: dict[str, set[str]] = {}
        for packed, value in self._counts.items():
            threshold = needed.get(packed >> _KEY_BITS)
            if threshold is not None and value >> _DELTA_BITS >= threshold:
                found.setdefault(names[packed >> _KEY_BITS], set()).add(f"{packed & _KEY_MASK:016x}")
        return {site: frozenset(keys) for site, keys in found.items()}


def count_site_lines(records: Iterable[RawRecord], settings: SiteLineSettings | None = None) -> SiteTemplates:
    """The first pass over an input: its sites' template lines (records without site or text skipped)."""
    counter = SiteLineCounter(settings or SiteLineSettings())
    for record in records:
        site = record_site(record)
        if site and record.text and not record.error:
            counter.add(site, record.text)
    return counter.templates()

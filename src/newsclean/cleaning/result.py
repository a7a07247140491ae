"""What the cleaner returns: the clean text plus an audit trail of every removal."""

from dataclasses import dataclass, field
from typing import Literal

from newsclean.reasons import Reason


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line or span, with the reason, so a user can audit and tune the cleaner.

    Attributes:
        reason: why it went.
        text: exactly what was removed.
        kind: ``"line"`` for a whole line, ``"span"`` for a cut inside a kept line.
        line: 0-based index of the line in the cleaner's input.
    """

    reason: Reason
    text: str
    kind: Literal["line", "span"]
    line: int


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The verdict on one input line: kept (possibly with spans cut) or dropped with a reason."""

    line: int
    text: str
    keep: bool
    reason: Reason | None = None
    kept_text: str | None = None  # the line after span cuts, when kept


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned page.

    Attributes:
        text: the body, paragraphs separated by one blank line; "" when nothing survived.
        title: the title given by the caller, or the headline found in the text, or None.
        language: ISO 639-1 code detected for the page, or None when unsure.
        removed: every removed line and span, in input order.
        verdicts: one verdict per input line, for ``newsclean clean --explain``.
    """

    text: str
    title: str | None
    language: str | None = None
    removed: tuple[Removal, ...] = field(default_factory=tuple)
    verdicts: tuple[LineVerdict, ...] = field(default_factory=tuple)

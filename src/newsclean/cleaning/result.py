"""What the cleaner returns: the clean text plus an audit trail of every removal."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

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
    continues: bool = False
    """The line continues the one above: a hard-wrapped paragraph, judged (and kept) as one line,
    whose verdict and `kept_text` are on its first line."""


class LineVerdicts(Sequence[LineVerdict]):
    """One verdict per input line, built on first use.

    The flow stores only `removed`; building a `LineVerdict` for each of a page's ~200 lines cost
    about a twentieth of the cleaner's time, spent for nothing on every record. The verdicts are
    kept here as the cleaner's plain lists and turned into objects when someone reads them (the
    explain command, tests), once.
    """

    __slots__ = ("_built", "_joined", "_kept", "_numbers", "_raw", "_reasons")

    def __init__(
        self,
        raw_lines: Sequence[str],
        numbers: Sequence[int],
        reasons: Sequence[Reason | None],
        kept_text: Sequence[str],
        joined: Mapping[int, int] | None = None,
    ) -> None:
        self._raw = raw_lines
        self._joined = joined or {}  # input line -> index of the non-blank line it continues
        self._numbers = numbers  # input line of each non-blank line
        self._reasons = reasons  # None (kept) or why, per non-blank line
        self._kept = kept_text  # each non-blank line after span cuts
        self._built: tuple[LineVerdict, ...] | None = None

    @classmethod
    def of(cls, verdicts: Sequence[LineVerdict]) -> "LineVerdicts":
        """Ready-made verdicts (for results not made by the cleaner)."""
        made = cls((), (), (), ())
        made._built = tuple(verdicts)
        return made

    def _all(self) -> tuple[LineVerdict, ...]:
        if self._built is None:
            out: list[LineVerdict] = []
            at = 0  # the next non-blank line
            numbers, reasons, kept = self._numbers, self._reasons, self._kept
            for number, raw in enumerate(self._raw):
                if at < len(numbers) and numbers[at] == number:
                    reason = reasons[at]
                    if reason is None:
                        out.append(LineVerdict(number, raw, True, None, kept[at]))
                    else:
                        out.append(LineVerdict(number, raw, False, reason))
                    at += 1
                elif (into := self._joined.get(number)) is not None:
                    reason = reasons[into]
                    out.append(LineVerdict(number, raw, reason is None, reason, continues=True))
                else:
                    out.append(LineVerdict(number, raw, False))
            self._built = tuple(out)
        return self._built

    def __len__(self) -> int:
        return len(self._raw) if self._built is None else len(self._built)

    @overload
    def __getitem__(self, index: int) -> LineVerdict: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[LineVerdict]: ...
    def __getitem__(self, index: int | slice) -> LineVerdict | Sequence[LineVerdict]:
        return self._all()[index]

    def __iter__(self) -> Iterator[LineVerdict]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineVerdicts):
            return self._all() == other._all()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"LineVerdicts({self._all()!r})"


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
    verdicts: LineVerdicts = field(default_factory=lambda: LineVerdicts.of(()))

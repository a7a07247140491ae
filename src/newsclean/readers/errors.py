"""Codec error handlers that count what they replace, one per open file.

Python's codec machinery only takes error handlers by registered name, and names cannot be
unregistered. Each open file therefore borrows a *slot*: a handler registered once under a fixed
name and reused by the next file when released, so the registry stays as small as the number of
files read at the same time (threads of a Prefect or Dask worker included).
"""

import codecs
import threading
from types import TracebackType
from typing import ClassVar, Self

_FALLBACK = "".join(
    bytes([b]).decode("cp1252") if b not in b"\x81\x8d\x8f\x90\x9d" else chr(b) for b in range(256)
)
"""Byte -> character as Windows-1252 reads it (Latin-1 for the five bytes cp1252 leaves unset)."""


class ReplacementSlot:
    """A registered decode-error handler that counts bad bytes for the file holding the slot.

    With `cp1252_fallback`, each bad byte becomes its Windows-1252 character; otherwise U+FFFD.
    """

    _free: ClassVar[list["ReplacementSlot"]] = []
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _made: ClassVar[int] = 0

    def __init__(self, cp1252_fallback: bool) -> None:
        self.cp1252_fallback = cp1252_fallback
        self.count = 0
        self.name = ""

    def _handle(self, exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        bad = exc.object[exc.start : exc.end]
        self.count += len(bad)
        if self.cp1252_fallback:
            return "".join(_FALLBACK[b] for b in bad), exc.end
        return "\ufffd", exc.end

    def __enter__(self) -> Self:
        with ReplacementSlot._lock:
            if ReplacementSlot._free:
                name = ReplacementSlot._free.pop().name
            else:
                ReplacementSlot._made += 1
                name = f"newsclean-replace-{ReplacementSlot._made}"
            self.name = name
            codecs.register_error(name, self._handle)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with ReplacementSlot._lock:
            ReplacementSlot._free.append(self)

"""A wall-clock budget for one call, enforced in whatever thread the call runs.

SIGALRM would be the usual tool, but only the main thread receives it, and Prefect's thread pool
(the single-worker default) and Dask workers run chunks in other threads. So one daemon thread
per process watches registered deadlines and raises `OutOfTime` in the late thread.
"""

import ctypes
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class OutOfTime(BaseException):
    """Raised inside the late thread by the watchdog when its deadline passes.

    A BaseException, so that trafilatura's own ``except Exception`` blocks (JSON-LD parsing,
    the readability fallback) cannot swallow it and carry on past the budget.
    """


@dataclass(eq=False, slots=True)
class _Deadline:
    thread_id: int
    at: float
    fired: bool = False


class _Watchdog:
    """One daemon thread per process that interrupts extractions running past their deadline.

    It raises `OutOfTime` in the extracting thread with CPython's ``PyThreadState_SetAsyncExc``
    (how Ctrl-C reaches Python code, but aimed at one thread): unlike ``SIGALRM``, which only
    the main thread receives, it works wherever a chunk runs. Measured: Prefect's process pool
    cleans in each worker's main thread, but its thread pool (the single-worker default) and
    Dask workers clean in other threads. The exception lands at the next bytecode boundary, so
    one long C call (a libxml2 parse, one XPath) finishes first: hence `check_html_shape`.

    Safety rests on three rules: a deadline fires at most once; it fires only while registered,
    under `_lock`; and `finish` unregisters under `_lock` and clears an interrupt that fired but
    has not yet landed. So no interrupt can reach the thread after `finish` returns, or after the
    caller has caught the one that landed (the caller calls `finish` again there, harmlessly).
    The lock is a plain ``threading.Lock`` used with ``with``: CPython checks for pending
    interrupts only after the lock is held and the block's cleanup is armed, so an interrupt
    never leaves it locked.
    """

    _TICK = 0.05  # seconds between checks: the budget is kept to within this
    _IDLE_EXIT = 5.0  # seconds without deadlines after which the thread ends (restarted on demand)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._deadlines: set[_Deadline] = set()
        self._thread: threading.Thread | None = None
        self._interrupt = _async_exc_setter()
        os.register_at_fork(after_in_child=self._after_fork)

    @property
    def available(self) -> bool:
        """False where the interpreter has no way to interrupt a thread (not CPython)."""
        return self._interrupt is not None

    def start(self, seconds: float) -> _Deadline:
        """Register the calling thread: it gets `OutOfTime` once, `seconds` from now."""
        deadline = _Deadline(threading.get_ident(), time.monotonic() + seconds)
        with self._lock:
            self._deadlines.add(deadline)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="newsclean-html-watchdog", daemon=True)
                self._thread.start()
        return deadline

    def finish(self, deadline: _Deadline) -> None:
        """Unregister; afterwards no interrupt can reach the thread for this deadline."""
        with self._lock:
            self._deadlines.discard(deadline)
            if deadline.fired and self._interrupt is not None:
                self._interrupt(deadline.thread_id, None)  # clear it if it has not landed yet

    def _run(self) -> None:
        idle_since = time.monotonic()
        while True:
            time.sleep(self._TICK)
            now = time.monotonic()
            with self._lock:
                for deadline in self._deadlines:
                    if not deadline.fired and deadline.at <= now and self._interrupt is not None:
                        deadline.fired = True
                        self._interrupt(deadline.thread_id, OutOfTime)
                if self._deadlines:
                    idle_since = now
                elif now - idle_since > self._IDLE_EXIT:
                    self._thread = None
                    return

    def _after_fork(self) -> None:
        """A forked child has no watchdog thread, and its copy of the lock may be held."""
        self._lock = threading.Lock()
        self._deadlines = set()
        self._thread = None


def _async_exc_setter() -> Callable[[int, type[BaseException] | None], None] | None:
    """``PyThreadState_SetAsyncExc(thread_id, exc)``; None clears a pending one. None off CPython."""
    pythonapi = getattr(ctypes, "pythonapi", None)
    if pythonapi is None or not hasattr(pythonapi, "PyThreadState_SetAsyncExc"):
        return None
    # Two prototypes of the same C function: one passes the class, one passes NULL (clear).
    raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
        ("PyThreadState_SetAsyncExc", pythonapi)
    )
    clear_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
        ("PyThreadState_SetAsyncExc", pythonapi)
    )

    def interrupt(thread_id: int, exc: type[BaseException] | None) -> None:
        if exc is None:
            clear_in(thread_id, None)
        else:
            raise_in(thread_id, exc)

    return interrupt


_WATCHDOG = _Watchdog()


def available() -> bool:
    """Whether calls can be interrupted here (CPython); elsewhere budgets are not enforced."""
    return _WATCHDOG.available


def call_within(seconds: float, function: Callable[[], T]) -> T:
    """`function()`, or `OutOfTime` raised in this thread once `seconds` of wall time have passed.

    The interrupt lands at the next Python bytecode, so one long C call finishes first. When this
    returns or raises, no interrupt for this call can still arrive.
    """
    deadline = _WATCHDOG.start(seconds)
    try:
        try:
            return function()
        finally:
            _WATCHDOG.finish(deadline)
    except OutOfTime:
        _WATCHDOG.finish(deadline)  # the interrupt may have landed before `finish` ran above
        raise

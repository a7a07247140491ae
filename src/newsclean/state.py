"""The ingest state under `OUT/_state/`: which inputs were ingested, from which content, into which files.

It makes scheduled runs incremental (an input whose content hash and cleaner version are unchanged
is skipped) and keeps re-runs idempotent even across a SIGKILL, by journaling:

1. before an input's new files are written, their paths are recorded as *pending*;
2. the files are written atomically (temp file + rename);
3. the entry is replaced by the new outputs and fingerprint, and old outputs no longer listed are
   deleted.

On start-up, `recover()` deletes pending files that never became outputs (a run killed between 1
and 3) and leftover temporary files, so readers never see two copies of an input's records.
"""

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

STATE_DIR = "_state"
STATE_FILE = "ingested.json"


def out_dir_problem(out_dir: Path) -> str | None:
    """Why `out_dir` cannot hold a dataset (None if it can), checked before a run starts.

    Otherwise a file given as OUT fails mid-run, deep in the state journal, as a traceback.
    """
    existing = next((p for p in (out_dir, *out_dir.parents) if p.exists()), None)
    where = "it" if existing == out_dir else str(existing)
    if existing is not None and not existing.is_dir():
        return f"{where} is a file, not a folder"
    for sub in (STATE_DIR, "_runs", "articles", "rejects"):
        if (out_dir / sub).exists() and not (out_dir / sub).is_dir():
            return f"{out_dir / sub} is a file, not a folder"
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        return f"{where} is not writable"
    return None


class InputState(BaseModel):
    """What the last successful ingest of one input produced."""

    fingerprint: str | None = None
    cleaner_version: str | None = None
    outputs: list[str] = Field(default_factory=list, description="Paths relative to OUT.")
    pending: list[str] = Field(default_factory=list, description="Being written; not yet confirmed.")
    run_id: str | None = None
    ingested_at: datetime | None = None


class IngestState(BaseModel):
    """All inputs ever ingested into one OUT folder, keyed by the input's resolved path."""

    version: int = 1
    inputs: dict[str, InputState] = Field(default_factory=dict)


class StateStore:
    """Loads, journals and saves the state file atomically; one writer (the flow) at a time."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STATE_DIR / STATE_FILE
        self.state = self._load()

    def _load(self) -> IngestState:
        if not self.path.is_file():
            return IngestState()
        return IngestState.model_validate_json(self.path.read_text(encoding="utf-8"))

    def save(self) -> None:
        """Write the state via temp file + fsync + rename, so a crash leaves the old or the new."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with tmp.open("w", encoding="utf-8") as f:
            f.write(self.state.model_dump_json(indent=1))
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(self.path)

    def entry(self, key: str) -> InputState:
        """The input's entry (an empty one if never ingested)."""
        return self.state.inputs.get(key, InputState())

    def is_current(self, key: str, fingerprint: str, cleaner_version: str) -> bool:
        """True when the input was ingested from this exact content by this cleaner version."""
        entry = self.state.inputs.get(key)
        return (
            entry is not None
            and entry.fingerprint == fingerprint
            and entry.cleaner_version == cleaner_version
            and all((self.out_dir / p).is_file() for p in entry.outputs)
        )

    def begin(self, key: str, pending: Iterable[Path]) -> None:
        """Journal the files about to be written for an input (step 1)."""
        entry = self.entry(key).model_copy()
        entry.pending = [self._relative(p) for p in pending]
        self.state.inputs[key] = entry
        self.save()

    def finish(self, key: str, entry: InputState, written: Iterable[Path]) -> None:
        """Confirm an input's new outputs (step 3) and delete its superseded files.

        `ingested_at` is stamped here, at the commit, so it says when the outputs became the
        input's (not when the run started or the input was first read).
        """
        old = self.entry(key)
        entry.outputs = [self._relative(p) for p in written]
        entry.pending = []
        entry.ingested_at = datetime.now(UTC)
        self.state.inputs[key] = entry
        self.save()
        for stale in set(old.outputs) | set(old.pending):
            if stale not in entry.outputs:
                (self.out_dir / stale).unlink(missing_ok=True)

    def abandon(self, key: str) -> None:
        """Forget pending files of an input whose ingest failed (they were never committed)."""
        entry = self.entry(key)
        for pending in entry.pending:
            if pending not in entry.outputs:
                (self.out_dir / pending).unlink(missing_ok=True)
        entry.pending = []
        self.save()

    def recover(self) -> list[str]:
        """Undo what an interrupted run left behind; returns the paths removed."""
        removed: list[str] = []
        for entry in self.state.inputs.values():
            for pending in entry.pending:
                if pending not in entry.outputs and (self.out_dir / pending).exists():
                    (self.out_dir / pending).unlink()
                    removed.append(pending)
            entry.pending = []
        for dataset in ("articles", "rejects"):
            for tmp in (self.out_dir / dataset).glob("**/.*.tmp-*"):
                tmp.unlink()
                removed.append(str(tmp.relative_to(self.out_dir)))
        if removed:
            self.save()
        return removed

    def retained_outputs(self, reprocessed: set[str]) -> list[Path]:
        """Article files of every input that this run will not rewrite (for cross-run dedupe)."""
        return [
            self.out_dir / p
            for key, entry in self.state.inputs.items()
            if key not in reprocessed
            for p in entry.outputs
            if p.startswith("articles/")
        ]

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.out_dir).as_posix()

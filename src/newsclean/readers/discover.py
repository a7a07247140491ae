"""Finding the inputs of a run: which files are dumps, which folders hold `.txt` pages.

An *input unit* is what gets one output file and one line in the run report: a dump file, or all
the `.txt` pages directly inside one folder (a million pages should not make a million Parquet
files).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import xxhash

from newsclean.records import InputError

UnitKind = Literal["delimited", "jsonl", "txt_dir"]

DELIMITED_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".psv": "|"}
"""Delimited-dump extensions and the delimiter each implies (".csv" is still sniffed)."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PAGE_SUFFIX = ".txt"
_HASH_BLOCK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class InputUnit:
    """One input of a run.

    Attributes:
        path: the dump file, or the folder holding `.txt` pages.
        kind: how to read it.
        members: the page files of a `txt_dir` unit, sorted; empty for dumps.
    """

    path: Path
    kind: UnitKind
    members: tuple[Path, ...] = ()

    @property
    def name(self) -> str:
        """Short label for reports and output file names."""
        return self.path.name or str(self.path)


def base_suffix(path: Path) -> str:
    """The format extension, looking through a trailing `.gz` (`a.csv.gz` -> `.csv`)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _dump_kind(path: Path) -> UnitKind | None:
    suffix = base_suffix(path)
    if suffix in DELIMITED_SUFFIXES:
        return "delimited"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None


def _walk(folder: Path) -> list[InputUnit]:
    """Dumps anywhere below `folder`, and one txt_dir unit per folder that holds `.txt` pages."""
    units: list[InputUnit] = []
    pages: dict[Path, list[Path]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() == PAGE_SUFFIX:
            pages.setdefault(path.parent, []).append(path)
        elif (kind := _dump_kind(path)) is not None:
            units.append(InputUnit(path, kind))
    units.extend(InputUnit(parent, "txt_dir", tuple(sorted(files))) for parent, files in pages.items())
    return sorted(units, key=lambda u: str(u.path))


def discover_inputs(paths: Sequence[str | Path]) -> list[InputUnit]:
    """Input units for files and folders given by the user, in a stable order.

    Raises:
        InputError: a path given explicitly does not exist or is not a supported file; files of
            unknown type found while walking a folder are skipped instead.
    """
    units: list[InputUnit] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            units.extend(_walk(path))
        elif not path.exists():
            msg = f"{path}: no such file or folder"
            raise InputError(msg)
        elif path.suffix.lower() == PAGE_SUFFIX:
            units.append(InputUnit(path, "txt_dir", (path,)))
        elif (kind := _dump_kind(path)) is not None:
            units.append(InputUnit(path, kind))
        else:
            supported = ", ".join(sorted([*DELIMITED_SUFFIXES, *JSONL_SUFFIXES, PAGE_SUFFIX]))
            msg = f"{path}: unsupported file type (supported: {supported}, optionally .gz)"
            raise InputError(msg)
    return units


def _hash_files(files: Iterable[Path], with_names: bool) -> str:
    digest = xxhash.xxh3_128()
    for path in files:
        if with_names:
            digest.update(path.name.encode("utf-8", "surrogateescape") + b"\x00")
        with path.open("rb") as f:
            while block := f.read(_HASH_BLOCK_BYTES):
                digest.update(block)
    return digest.hexdigest()


def unit_fingerprint(unit: InputUnit) -> str:
    """xxh3-128 of the unit's bytes (and page names), streamed: equal means unchanged input."""
    if unit.kind == "txt_dir":
        return _hash_files(unit.members, with_names=True)
    return _hash_files([unit.path], with_names=False)

"""Finding the inputs of a run: which files are dumps, which folders hold pages (`.txt`, `.html`).

An *input unit* is what gets one output file and one line in the run report: a dump file, or all
the page files (`.txt`, `.html`, `.htm`) directly inside one folder (a million pages should not
make a million Parquet files). Folders are walked recursively in sorted order; hidden files and
folders (`.git`, `.ipynb_checkpoints`) and files of other types are skipped, while a path given
explicitly must exist and be supported. The same unit reached twice (a file and its folder, a
relative and an absolute spelling of one path) is listed once, and a page named on its own is
dropped when its folder of pages is also an input.
"""

import os
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
PAGE_SUFFIXES = (".txt", ".html", ".htm")
"""One page per file: its visible text, or its HTML source (read as `html`)."""
HTML_PAGE_SUFFIXES = frozenset({".html", ".htm"})
_HASH_BLOCK_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class InputUnit:
    """One input of a run.

    Attributes:
        path: the dump file, or the folder holding pages (the page itself when a single page
            file was given).
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

    @property
    def display(self) -> str:
        """Human label for reports: the path, and the page count of a folder of pages."""
        if self.kind == "txt_dir" and self.path.is_dir():
            pages = len(self.members)
            return f"{self.path}{os.sep} ({pages:,} page{'s' if pages != 1 else ''})"
        return str(self.path)


def base_suffix(path: Path) -> str:
    """The format extension, looking through a trailing `.gz` (`a.csv.gz` -> `.csv`)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def page_id(path: Path) -> str:
    """A page's id: its file name without its page extension (`a.txt`, `a.html.gz` -> `a`)."""
    name = path.name
    for suffix in PAGE_SUFFIXES:
        for ending in (f"{suffix}.gz", suffix):
            if name.lower().endswith(ending):
                return name[: -len(ending)]
    return path.stem


def _kind(path: Path) -> UnitKind | None:
    suffix = base_suffix(path)
    if suffix in DELIMITED_SUFFIXES:
        return "delimited"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PAGE_SUFFIXES:
        return "txt_dir"
    return None


def _walk(folder: Path) -> list[InputUnit]:
    """Dumps anywhere below `folder`, and one txt_dir unit per folder that holds pages."""
    units: list[InputUnit] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        pages: list[Path] = []
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            kind = _kind(path)
            if kind == "txt_dir":
                pages.append(path)
            elif kind is not None:
                units.append(InputUnit(path, kind))
        if pages:
            units.append(InputUnit(here, "txt_dir", tuple(pages)))
    return sorted(units, key=lambda u: str(u.path))


def _explicit(path: Path) -> InputUnit:
    kind = _kind(path)
    if kind is None:
        supported = ", ".join(sorted([*DELIMITED_SUFFIXES, *JSONL_SUFFIXES, *PAGE_SUFFIXES]))
        msg = f"{path}: unsupported file type (supported: {supported}, each optionally .gz)"
        raise InputError(msg)
    return InputUnit(path, kind, (path,) if kind == "txt_dir" else ())


def unique_units(units: Iterable[InputUnit]) -> list[InputUnit]:
    """The units in first-seen order, each file read once however many times it was reached.

    Units are the same when their resolved paths are. A single page is dropped when a folder unit
    also holds it, so its record is not read twice only to be counted as its own duplicate.
    """
    units = list(units)
    in_folders = {m.resolve() for u in units if u.kind == "txt_dir" and u.path.is_dir() for m in u.members}
    unique: list[InputUnit] = []
    seen: set[Path] = set()
    for unit in units:
        key = unit.path.resolve()
        if key in seen or (unit.kind == "txt_dir" and not unit.path.is_dir() and key in in_folders):
            continue
        seen.add(key)
        unique.append(unit)
    return unique


def discover_inputs(paths: Sequence[str | Path]) -> list[InputUnit]:
    """Input units for files and folders given by the user, in a stable order, each once.

    Raises:
        InputError: a path given explicitly does not exist or is not a supported file; files of
            unknown type found while walking a folder are skipped instead.
    """
    units: list[InputUnit] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            units.extend(_walk(path))
        elif path.is_file():
            units.append(_explicit(path))
        else:
            msg = f"{path}: no such file or folder" if not path.exists() else f"{path}: not a regular file"
            raise InputError(msg)
    return unique_units(units)


def _hash_file(path: Path) -> "xxhash.xxh3_128":
    digest = xxhash.xxh3_128()
    with path.open("rb") as f:
        while block := f.read(_HASH_BLOCK_BYTES):
            digest.update(block)
    return digest


def unit_fingerprint(unit: InputUnit) -> str:
    """xxh3-128 of the unit's bytes, streamed in 1 MiB blocks: equal means unchanged input.

    For a folder of pages, it covers each page's name and content hash in sorted order, so a page
    renamed, added, removed or edited changes it (and no two layouts can collide by
    concatenation, as hashing names and bytes back to back could).
    """
    if unit.kind != "txt_dir":
        return str(_hash_file(unit.path).hexdigest())
    digest = xxhash.xxh3_128()
    for path in sorted(unit.members):
        name = path.name.encode("utf-8", "surrogateescape")
        digest.update(len(name).to_bytes(4, "big") + name + _hash_file(path).digest())
    return digest.hexdigest()

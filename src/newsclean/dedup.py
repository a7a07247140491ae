"""Run-wide uniqueness: one article per cleaned text, one article per id.

* Exact duplicates (same `content_hash`) are dropped after the first and listed in the report.
* A different text under an id already used is kept under a disambiguated id (`<id>#2`, `#3`, ...)
  and the rename is listed in the report: rejecting it would hide real content, keeping both under
  one id would break `id` as a key for every downstream join.

Seeded from the article files of the OUT folder that this run does not rewrite, so uniqueness
holds for the whole dataset across incremental runs, not only within one run.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import xxhash

from newsclean.report import DuplicateEntry, RenamedId

_MAX_REMEMBERED_ID = 200
"""Characters of the first id remembered per text, for the report (hostile ids run to thousands)."""


def _id_key(record_id: str) -> int:
    """64-bit digest of an id: constant memory per id whatever its length."""
    return xxhash.xxh3_64_intdigest(record_id.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class ChunkVerdict:
    """How a chunk's articles fared against everything seen before them."""

    kept: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[DuplicateEntry] = field(default_factory=list)
    renamed: list[RenamedId] = field(default_factory=list)


class Deduplicator:
    """Keeps the first article per text and makes ids unique; first occurrence wins."""

    def __init__(self) -> None:
        self._first_by_hash: dict[str, str] = {}
        self._ids: set[int] = set()

    def seed(self, article_files: Iterable[Path]) -> int:
        """Remember texts and ids already in the dataset; returns how many articles were read."""
        count = 0
        for path in article_files:
            table = pq.read_table(path, columns=["id", "content_hash"])
            for record_id, digest in zip(
                table.column("id").to_pylist(), table.column("content_hash").to_pylist(), strict=True
            ):
                self._first_by_hash.setdefault(digest, record_id[:_MAX_REMEMBERED_ID])
                self._ids.add(_id_key(record_id))
                count += 1
        return count

    def _unique_id(self, record_id: str) -> str:
        n = 2
        while _id_key(candidate := f"{record_id}#{n}") in self._ids:
            n += 1
        return candidate

    def judge(self, rows: list[dict[str, Any]]) -> ChunkVerdict:
        """Split a chunk's article rows into kept (ids made unique) and duplicates."""
        verdict = ChunkVerdict()
        for row in rows:
            first = self._first_by_hash.get(row["content_hash"])
            if first is not None:
                entry = DuplicateEntry(record_index=row["record_index"], id=row["id"], duplicate_of=first)
                verdict.duplicates.append(entry)
                continue
            if _id_key(row["id"]) in self._ids:
                new_id = self._unique_id(row["id"])
                verdict.renamed.append(
                    RenamedId(record_index=row["record_index"], id=row["id"], new_id=new_id)
                )
                row = {**row, "id": new_id}  # noqa: PLW2901 - the renamed row replaces the original
            self._first_by_hash[row["content_hash"]] = row["id"][:_MAX_REMEMBERED_ID]
            self._ids.add(_id_key(row["id"]))
            verdict.kept.append(row)
        return verdict

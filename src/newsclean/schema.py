"""The explicit Arrow schemas of the `articles` and `rejects` datasets, kept in this one place.

They are written out by hand rather than inferred so that every file of a dataset has the same
types whatever its rows hold (an all-null column would otherwise infer as `null`), and so that
types are chosen for the engines reading them: `large_string` for bodies that can exceed 2 GiB per
row group, `timestamp[us, UTC]` (safe for Spark), non-nullable keys. `tests/test_schema.py` checks
them against the pydantic models field by field.
"""

import pyarrow as pa

from newsclean.models import SCHEMA_VERSION

_TIMESTAMP = pa.timestamp("us", tz="UTC")

REMOVED_ITEM_TYPE = pa.struct(
    [
        pa.field("reason", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("line", pa.int32(), nullable=False),
        pa.field("text", pa.large_string(), nullable=False),
    ]
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("id_derived", pa.bool_(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("record_index", pa.int64(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("site", pa.string()),
        pa.field("title", pa.string()),
        pa.field("author", pa.string()),
        pa.field("published", _TIMESTAMP),
        pa.field("language", pa.string()),
        pa.field("text", pa.large_string(), nullable=False),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("chars_in", pa.int64(), nullable=False),
        pa.field("chars_out", pa.int64(), nullable=False),
        pa.field("extraction", pa.string(), nullable=False),
        pa.field("removed", pa.list_(pa.field("item", REMOVED_ITEM_TYPE, nullable=False)), nullable=False),
        pa.field("cleaner_version", pa.string(), nullable=False),
        pa.field("ingested_at", _TIMESTAMP, nullable=False),
    ],
    metadata={"newsclean.dataset": "articles", "newsclean.schema_version": SCHEMA_VERSION},
)

REJECT_SCHEMA = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("record_index", pa.int64(), nullable=False),
        pa.field("line_number", pa.int64()),
        pa.field("id", pa.string()),
        pa.field("reason_code", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("raw_record", pa.large_string(), nullable=False),
        pa.field("cleaner_version", pa.string(), nullable=False),
        pa.field("ingested_at", _TIMESTAMP, nullable=False),
    ],
    metadata={"newsclean.dataset": "rejects", "newsclean.schema_version": SCHEMA_VERSION},
)

DICTIONARY_COLUMNS = (
    "source_file",
    "site",
    "language",
    "extraction",
    "cleaner_version",
    "reason_code",
    "removed.list.item.reason",
    "removed.list.item.kind",
)
"""Low-cardinality columns worth dictionary-encoding (measured: about half the bytes for `site`)."""

"""The Arrow schema, the pydantic models and the committed JSON Schemas must describe one contract."""

import json
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import pyarrow as pa
import pytest

from newsclean.models import Article, Reject
from newsclean.schema import ARTICLE_SCHEMA, REJECT_SCHEMA
from newsclean.schema_export import EXPORTS, render

REPO = Path(__file__).resolve().parents[1]


def _is_optional(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, UnionType) and NoneType in get_args(annotation)


@pytest.mark.parametrize(("model", "schema"), [(Article, ARTICLE_SCHEMA), (Reject, REJECT_SCHEMA)])
def test_arrow_schema_matches_model_fields(model: type, schema: pa.Schema) -> None:
    assert schema.names == list(model.model_fields), "same columns in the same order"
    for name, info in model.model_fields.items():
        field = schema.field(name)
        assert field.nullable == _is_optional(info.annotation), f"{name}: nullability differs"


def test_article_types_suit_engines() -> None:
    assert ARTICLE_SCHEMA.field("text").type == pa.large_string()
    assert ARTICLE_SCHEMA.field("published").type == pa.timestamp("us", tz="UTC")
    assert ARTICLE_SCHEMA.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    removed = ARTICLE_SCHEMA.field("removed").type
    assert pa.types.is_list(removed)
    assert [f.name for f in removed.value_type] == ["reason", "kind", "line", "text"]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_committed_json_schemas_are_current(name: str) -> None:
    committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
    assert committed == render(EXPORTS[name]), f"schemas/{name} is stale: run `make schemas`"
    assert json.loads(committed)["title"] in {"Article", "Reject"}

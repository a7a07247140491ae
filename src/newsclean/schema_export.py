"""Export the JSON Schemas of the data contract into `schemas/` (run by `make schemas`).

The files are committed so consumers can validate without installing newsclean; a test compares
them with the models, so an edit to a model without re-exporting fails CI.
"""

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from newsclean.models import SCHEMA_VERSION, Article, Reject

MAJOR = SCHEMA_VERSION.split(".", 1)[0]
EXPORTS: dict[str, type[BaseModel]] = {
    f"article.v{MAJOR}.json": Article,
    f"reject.v{MAJOR}.json": Reject,
}


def schema_document(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a model, stamped with the contract version."""
    document = model.model_json_schema(mode="serialization")
    document["$comment"] = f"newsclean {model.__name__} schema version {SCHEMA_VERSION}"
    return document


def render(model: type[BaseModel]) -> str:
    """Stable text form (sorted keys, trailing newline) so diffs show real changes only."""
    return json.dumps(schema_document(model), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write every schema into the folder given (default `schemas`)."""
    if argv and argv[0] in {"-h", "--help"}:
        print("usage: python -m newsclean.schema_export [FOLDER]   (default: schemas)")
        return 0
    folder = Path(argv[0] if argv else "schemas")
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in EXPORTS.items():
        (folder / name).write_text(render(model), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

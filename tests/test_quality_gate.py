"""The quality gate (like trafilatura's eval gate): mean token F1 on the shared benchmark must not
fall below the floors pinned in tests/data/quality_floors.json.

Runs the same per-record path as the flow (`transform_record`), text only and with HTML. Floors
are set a little under the measured scores (README, "Quality"); raise them when the cleaner
improves, never lower them to make a change pass.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsclean.evaluation import iter_pages, score_predictions
from newsclean.models import Article
from newsclean.records import RawRecord
from newsclean.transform import TransformSettings, transform_record

pytestmark = [pytest.mark.eval, pytest.mark.slow]

FLOORS = json.loads((Path(__file__).parent / "data" / "quality_floors.json").read_text(encoding="utf-8"))


def predictions(eval_dir: Path, split: str, use_html: bool) -> dict[str, str]:
    settings = TransformSettings(ingested_at=datetime.now(UTC), use_html=use_html)
    out: dict[str, str] = {}
    for n, page in enumerate(iter_pages(eval_dir, split)):
        record = RawRecord(
            source_file=split,
            record_index=n,
            raw={},
            id=page["id"],
            text=page["raw_text"],
            html=page["html"] if use_html else None,
            url=page["url"],
        )
        result = transform_record(record, settings)
        if isinstance(result, Article):
            out[page["id"]] = result.text
    return out


@pytest.mark.parametrize(("split", "mode"), [(s, m) for s in ("dev", "test") for m in ("text", "html")])
def test_scores_stay_above_pinned_floors(shared_eval: Path, split: str, mode: str) -> None:
    scores = score_predictions(shared_eval, split, predictions(shared_eval, split, mode == "html"))
    floor = FLOORS[mode][split]
    assert scores.f1 >= floor["f1"], f"{mode}/{split} F1 {scores.f1:.4f} < floor {floor['f1']}"
    assert scores.precision >= floor["precision"], f"{mode}/{split} P {scores.precision:.4f}"
    assert scores.recall >= floor["recall"], f"{mode}/{split} R {scores.recall:.4f}"

"""The quality gate (like trafilatura's eval gate): mean token F1 on the shared benchmark must not
fall below the floors pinned in tests/data/quality_floors.json.

Runs the same per-record path as the flow (`transform_record`), text only and with HTML. Floors
are set a little under the measured scores (README, "Quality"); raise them when the cleaner
improves, never lower them to make a change pass.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import pytest

from newsclean.cleaning.model import MODEL_FILE
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


def test_make_train_reproduces_the_shipped_model(shared_eval: Path, tmp_path: Path) -> None:
    """The shipped weights are what `make train` gives for this code: a rule or feature change
    that alters the training data must come with a retrained model (it once drifted unnoticed)."""
    out = tmp_path / "line_model.json"
    repo = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, str(repo / "tools" / "train_line_model.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "NEWSCLEAN_EVAL_DIR": str(shared_eval)},
    )
    shipped = files("newsclean.cleaning").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, "run `make train` and commit the model"

"""CLEANER_VERSION moves with the cleaner's output: incremental runs re-clean a file only when it
changes (`state.is_current`), so output that changed under an unchanged version would leave files
cleaned by the old rules in place."""

import hashlib
import json
from importlib.resources import files
from pathlib import Path

from newsclean import CLEANER_VERSION, clean_text
from newsclean.cleaning import DEFAULT_CONFIG
from newsclean.cleaning.model import MODEL_FILE

DATA = Path(__file__).resolve().parents[1] / "data"
PIN = DATA / "cleaning" / "output_pin.json"


def _pages() -> list[str]:
    """The seed pages and every table case's page: small, and touching every rule."""
    table = json.loads((DATA / "cleaning" / "lines.json").read_text(encoding="utf-8"))
    spans = json.loads((DATA / "cleaning" / "spans.json").read_text(encoding="utf-8"))
    body = table["bodies"]["body"]
    pages = [p.read_text(encoding="utf-8") for p in sorted((DATA / "seeds").glob("*.txt"))]
    pages += ["\n".join(line.format(**table["bodies"]) for line in case["page"]) for case in table["cases"]]
    pages += [f"{body}\n{case['line']}" for case in spans["cases"]]
    pages += [f"{body}\n{line}" for line in spans["untouched"]]
    unspaced = json.loads((DATA / "cleaning" / "unspaced.json").read_text(encoding="utf-8"))
    pages += ["\n".join(case["page"]) for case in unspaced["pages"].values()]
    return pages


def output_digest() -> str:
    """The output on the test pages, with the model's weights and the default settings.

    The small test pages do not exercise every weight or threshold, so those are hashed too.
    """
    digest = hashlib.sha256()
    digest.update(files("newsclean.cleaning").joinpath(MODEL_FILE).read_bytes())
    digest.update(DEFAULT_CONFIG.model_dump_json().encode())
    for page in _pages():
        result = clean_text(page)
        removed = [(str(r.reason), r.text, r.kind, r.line) for r in result.removed]
        digest.update(json.dumps([result.text, result.title, result.language, removed]).encode())
    return digest.hexdigest()


def test_cleaner_version_changes_with_the_cleaners_output() -> None:
    pinned = json.loads(PIN.read_text(encoding="utf-8"))
    digest = output_digest()
    if digest != pinned["digest"]:
        assert pinned["version"] != CLEANER_VERSION, (
            f"the cleaner's output changed: bump CLEANER_VERSION (now {CLEANER_VERSION})"
        )
    assert (CLEANER_VERSION, digest) == (pinned["version"], pinned["digest"]), (
        f"record the new version's output in {PIN.name}: "
        f'{{"version": "{CLEANER_VERSION}", "digest": "{digest}"}}'
    )

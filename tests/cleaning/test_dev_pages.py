"""Invariants on the benchmark's real dev pages (never test): skipped when the eval set is absent."""

import pytest

from newsclean.cleaning import clean_text
from newsclean.evaluation import find_eval_dir, iter_pages

EVAL_DIR = find_eval_dir()
pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(EVAL_DIR is None, reason="needs ../shared/eval (NEWSCLEAN_EVAL_DIR)"),
]


def test_cleaning_real_pages_twice_changes_nothing() -> None:
    assert EVAL_DIR is not None
    unstable = []
    for page in iter_pages(EVAL_DIR, "dev"):
        once = clean_text(page["raw_text"])
        if clean_text(once.text).text != once.text or (
            once.title and clean_text(once.text, title=once.title).text != once.text
        ):
            unstable.append(page["id"])
    assert unstable == []

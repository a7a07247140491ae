"""The plain-text boilerplate cleaner: `clean_text(text, title=None, config=None) -> CleanResult`.

One job per module:

- `cleaner`: orchestration (lines, span cuts, classification rounds to a fixed point, titles);
- `classify`: one round over a page: hard rules, scorer, smoothing, comment and end-of-article cuts;
- `rules`: line shapes that say what a line is (breadcrumb, byline, share bar, related list ...);
- `spans`: junk glued inside a line (hover cards, credits, 'Read more:' tails);
- `features` / `model` / `line_model.json`: the learned line scorer and its Viterbi smoothing;
- `stopwords`: the page's language and its stop words; `titles`: headline repeats and discovery;
- `crosspage`: keys of lines that recur across a site; `config`, `result`: settings and output.
"""

from newsclean.cleaning.cleaner import clean_text
from newsclean.cleaning.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.cleaning.crosspage import line_key
from newsclean.cleaning.features import word_count

CLEANER_VERSION = "1.24.0"
"""Version of the cleaning rules and model; bump whenever output for some input changes, so
incremental runs re-clean inputs ingested by an older version."""

__all__ = ["CLEANER_VERSION", "DEFAULT_CONFIG", "CleanerConfig", "clean_text", "line_key", "word_count"]

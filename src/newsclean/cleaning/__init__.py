"""The plain-text boilerplate cleaner: `clean_text(text, title=None) -> CleanResult`."""

from newsclean.cleaning.cleaner import clean_text
from newsclean.cleaning.config import DEFAULT_CONFIG, CleanerConfig
from newsclean.cleaning.crosspage import line_key

CLEANER_VERSION = "1.1.0"
"""Version of the cleaning rules and model; bump whenever output for some input changes, so
incremental runs re-clean inputs ingested by an older version."""

__all__ = ["CLEANER_VERSION", "DEFAULT_CONFIG", "CleanerConfig", "clean_text", "line_key"]

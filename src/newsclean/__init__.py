"""newsclean: boilerplate-cleaning ingestion of raw news/web text dumps into validated Parquet.

The one function most users need is `clean_text`; the ingest pipeline lives in `flows/`.
The cleaner's names are imported lazily so that importing a light module (the readers, the
models) does not pay for loading stop-word lists.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("newsclean")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from newsclean.cleaning import CLEANER_VERSION, CleanerConfig, clean_text, line_key
    from newsclean.cleaning.result import CleanResult, LineVerdict, Removal

_LAZY = {
    "CLEANER_VERSION": "newsclean.cleaning",
    "CleanerConfig": "newsclean.cleaning",
    "clean_text": "newsclean.cleaning",
    "line_key": "newsclean.cleaning",
    "CleanResult": "newsclean.cleaning.result",
    "LineVerdict": "newsclean.cleaning.result",
    "Removal": "newsclean.cleaning.result",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    msg = f"module 'newsclean' has no attribute {name!r}"
    raise AttributeError(msg)


__all__ = [
    "CLEANER_VERSION",
    "CleanResult",
    "CleanerConfig",
    "LineVerdict",
    "Removal",
    "__version__",
    "clean_text",
    "line_key",
]

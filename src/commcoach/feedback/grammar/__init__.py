"""Grammar and spelling feedback from LanguageTool (see checker.py for the design).

The engine uses `make_grammar_checker(settings)` and the `GrammarChecker` protocol; nothing
starts at import time, and the LanguageTool client is imported only when first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commcoach.feedback.grammar.base import (
    GrammarChecker,
    OffChecker,
    Progress,
    make_grammar_checker,
)

if TYPE_CHECKING:
    from commcoach.feedback.grammar.checker import PUBLIC_URL, CheckStats, LanguageToolChecker

_LAZY = frozenset({"PUBLIC_URL", "CheckStats", "LanguageToolChecker"})


def __getattr__(name: str) -> Any:
    """The LanguageTool side (requests, server modules), imported on first use."""
    if name in _LAZY:
        from commcoach.feedback.grammar import checker

        return getattr(checker, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PUBLIC_URL",
    "CheckStats",
    "GrammarChecker",
    "LanguageToolChecker",
    "OffChecker",
    "Progress",
    "make_grammar_checker",
]

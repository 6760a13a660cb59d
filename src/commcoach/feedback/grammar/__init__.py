"""Grammar and spelling feedback from LanguageTool (see checker.py for the design).

The engine uses `make_grammar_checker(settings)` and the `GrammarChecker` protocol; nothing
starts at import time.
"""

from __future__ import annotations

from commcoach.feedback.grammar.checker import (
    PUBLIC_URL,
    CheckStats,
    GrammarChecker,
    LanguageToolChecker,
    OffChecker,
    make_grammar_checker,
)

__all__ = [
    "PUBLIC_URL",
    "CheckStats",
    "GrammarChecker",
    "LanguageToolChecker",
    "OffChecker",
    "make_grammar_checker",
]

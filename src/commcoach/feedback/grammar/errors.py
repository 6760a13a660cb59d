"""The one error the LanguageTool client raises (the checker turns it into a status)."""

from __future__ import annotations

from commcoach.feedback.report import GrammarReason


class CheckFailure(Exception):
    """The server could not check the text; `reason` and `detail` go into GrammarStatus."""

    def __init__(self, reason: GrammarReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

"""A chat-like transcript: the counterpart's messages on the left, yours on the right."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from commcoach import safe_text
from commcoach.conversation import Exchange


class Bubble(Static):
    """One message, styled by speaker (`-counterpart` / `-learner`)."""

    def __init__(self, text: str, speaker: str, name: str) -> None:
        super().__init__(text, markup=False, classes=f"bubble -{speaker}")
        self.border_title = safe_text.text(name, one_line=True)  # a str would be markup


class Transcript(VerticalScroll):
    """The conversation so far; scrolls to the newest message."""

    can_focus = True

    def __init__(self, counterpart: str, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.counterpart = counterpart
        self._shown = 0

    def sync(self, exchanges: list[Exchange]) -> None:
        """Add the exchanges not shown yet (the transcript only grows)."""
        if len(exchanges) < self._shown:
            self.remove_children()
            self._shown = 0
        new = exchanges[self._shown :]
        self._shown = len(exchanges)
        bubbles = [
            Bubble(e.text, e.speaker, self.counterpart if e.speaker == "counterpart" else "You")
            for e in new
        ]
        if bubbles:
            self.mount_all(bubbles)
            self.call_after_refresh(self.scroll_end, animate=False)

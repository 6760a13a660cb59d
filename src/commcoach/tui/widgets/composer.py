"""The composer: a multi-line editor with live feedback and autosave.

As you type: the word count updates at once (in a big text, at the pause); after a short pause
the fast local channels (style, readability, rubric; no LanguageTool) run in an exclusive thread
worker, and the result is applied only if the text is still the text that was analysed (the
staleness guard of Textual's `examples/dictionary.py`). The text is autosaved at the same
pause, and at least every `AUTOSAVE_MAX_WAIT` seconds while typing without pause, in another
exclusive thread worker.

Big pastes stay responsive: over `LIVE_MAX_CHARS` the live channels look only at what is being
edited (the paragraph around the cursor, at most `LIVE_WINDOW_CHARS`), after a longer pause,
and the result goes to the live bar only; the whole text gets full feedback on submit. A live
analysis of 100,000 characters took about 1.5 s of CPU in a thread that competes with the UI
for the GIL, which is what made keystrokes lag.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Location, Selection
from textual.worker import get_current_worker

from commcoach.feedback.report import Report
from commcoach.tui.autosave import AutosaveEntry, AutosaveStore, Kind
from commcoach.tui.widgets.render import findings_summary, metrics_line, words_part

DEBOUNCE_SECONDS = 0.15
"""Pause after the last keystroke before live feedback runs."""
AUTOSAVE_MAX_WAIT = 2.0
"""While typing without a pause, autosave at least this often."""
LIVE_MAX_CHARS = 20_000
"""Above this many characters, live feedback analyses only the paragraph being edited."""
LIVE_WINDOW_CHARS = 5_000
"""At most this much text around the cursor is analysed live in a big text."""
BIG_TEXT_DEBOUNCE_SECONDS = 0.5
"""The pause that starts live feedback in a big text (a longer pause: fewer wasted runs)."""


def _debounce(length: int) -> float:
    """Seconds of pause before live feedback runs for a text of `length` characters."""
    return DEBOUNCE_SECONDS if length <= LIVE_MAX_CHARS else BIG_TEXT_DEBOUNCE_SECONDS


@dataclass(frozen=True)
class AutosaveTarget:
    """Where and as what the composer's text is autosaved."""

    store: AutosaveStore
    key: str
    kind: Kind
    clock: Callable[[], datetime]
    scenario_id: str | None = None
    template: str | None = None


class ComposerArea(TextArea):
    """The composer's editor: ctrl+a selects all, as in every other editor learners use.

    Textual's TextArea binds ctrl+a to 'line start' (Emacs style) and select-all to F7; home
    still goes to the line start, and F7 still selects all.
    """

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]


class Composer(Vertical):
    """A TextArea with a live bar (words, readability, local findings) underneath."""

    DEFAULT_CSS = """
    Composer {
        height: auto;
        TextArea { height: 8; }
        #live-bar { height: 1; padding: 0 1; color: $text-muted; }
    }
    """

    @dataclass
    class LiveReport(Message):
        """Local feedback for the text that is in the composer right now."""

        composer: Composer
        report: Report

        def can_replace(self, message: Message) -> bool:
            """A newer live report makes an unprocessed older one useless."""
            return isinstance(message, Composer.LiveReport) and message.composer is self.composer

    @dataclass
    class AutosaveFailed(Message):
        """Autosave could not write its file (reported once per composer)."""

        composer: Composer
        problem: str

    text_area = getters.query_one("#composer-text", TextArea)
    live_bar = getters.query_one("#live-bar", Static)

    def __init__(
        self,
        analyse: Callable[[str], Report],
        *,
        autosave: AutosaveTarget | None = None,
        live: bool = True,
        text: str = "",
        placeholder: str | Content = "Write your message…",
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
    ) -> None:
        super().__init__(id=id)
        self._analyse = analyse
        self._autosave = autosave
        self._live = live
        self._initial = text
        self._placeholder = placeholder
        self._timer: Timer | None = None
        self._changed_at = 0.0
        self._saved_at = time.monotonic()
        self._saved_text: str | None = text
        self._hold_empty = False
        """After `clear()`: keep the old autosave while the editor is empty (ctrl+z can still
        bring the text back); it goes when new text is typed or the composer closes."""
        self._autosave_reported = False
        self._area: TextArea | None = None
        self._save_lock = threading.Lock()
        self._save_seq = 0
        self._written_seq = 0
        self._bounds: tuple[int | None, int | None] = (None, None)
        self._rest = Content("")
        self._edits = 0
        """Counts changes: a windowed live result applies only if no edit came after it."""
        self._big = len(text) > LIVE_MAX_CHARS
        """Over LIVE_MAX_CHARS at the last look: per-key work skips the whole text."""
        self.last_report: Report | None = None
        """The latest live report that matched the text (None until the first pause)."""

    def compose(self) -> ComposeResult:
        self._area = ComposerArea(
            self._initial,
            id="composer-text",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=self._placeholder,
        )
        yield self._area
        yield Static(id="live-bar", markup=False)

    def on_mount(self) -> None:
        self._show_count(self._initial)
        if self._initial.strip():
            self._schedule()

    def on_unmount(self) -> None:
        """The screen closed (even without Esc): keep the last words."""
        if self._hold_empty:  # cleared and closed: now the text is really gone
            self._hold_empty = False
            self._saved_text = None
        self.flush_autosave()

    @property
    def text(self) -> str:
        """The composer's text."""
        return self.text_area.text

    def set_text(self, text: str) -> None:
        """Replace the whole text (template, restore, retry) and re-run live feedback."""
        self.text_area.load_text(text)
        self.text_area.move_cursor(self.text_area.document.end)
        self._on_text_changed()

    @property
    def pristine(self) -> bool:
        """True while the text is what the composer opened with (nothing typed yet)."""
        return self.text_area.text == self._initial

    def restore_text(self, text: str) -> str:
        """Bring back autosaved text without overwriting typing; says what it did.

        An untouched composer takes the text; one you already typed in keeps your words and
        gets the restored text after them (ctrl+z takes it out again).
        """
        current = self.text_area.text
        if current.strip() == text.strip():
            return "same"
        if not current.strip() or self.pristine:
            self.set_text(text)
            return "replaced"
        end = self.text_area.document.end
        self.text_area.insert("\n\n" + text, end)
        self.text_area.move_cursor(self.text_area.document.end)
        return "appended"

    def clear(self) -> None:
        """Empty the editor with undo kept (ctrl+z brings the text back). The autosave goes
        only when the empty text is saved at the next pause, so an undo in time keeps it."""
        area = self.text_area
        if area.text:
            self._hold_empty = True
            area.replace("", (0, 0), area.document.end)
            area.move_cursor((0, 0))

    def forget_sent(self, text: str) -> None:
        """`text` reached the history: its autosave is no longer unsent text, so a restore
        after a crash does not offer it. Edited since? Then the autosave stays."""
        if self._autosave is None or self._area is None or self._area.text != text:
            return
        self._saved_text = text  # not written again until it changes
        try:
            self._write_entry("", self._next_seq())
        except OSError as exc:
            self.notify(f"Could not remove the autosave: {exc.strerror or exc}")

    def _location(self, index: int) -> Location:
        """The (row, column) of a Python string index into the text."""
        before = self.text_area.text[:index].split("\n")
        return (len(before) - 1, len(before[-1]))

    def replace_span(self, start: int, end: int, replacement: str) -> None:
        """Replace text[start:end] (Python indices), keeping undo history."""
        self.text_area.replace(replacement, self._location(start), self._location(end))

    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] in the editor and focus it."""
        self.text_area.selection = Selection(self._location(start), self._location(end))
        self.text_area.focus()

    def set_live(self, live: bool) -> None:
        """Turn live feedback on or off (the Settings screen's switch)."""
        self._live = live
        if live:
            self._schedule()

    @on(TextArea.Changed, "#composer-text")
    def _text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        """Per keystroke: count words, (re)arm the debounce timer, maybe autosave. Cheap."""
        self._edits += 1
        self._changed_at = time.monotonic()
        if self._big:  # no whole-text work per key: the count updates at the pause
            if self._timer is None:
                self._timer = self.set_timer(BIG_TEXT_DEBOUNCE_SECONDS, self._debounced)
            if self._changed_at - self._saved_at > AUTOSAVE_MAX_WAIT:
                self._save(self.text_area.text)
            return
        text = self.text_area.text
        self._big = len(text) > LIVE_MAX_CHARS
        self._show_count(text)
        if self._timer is None:
            self._timer = self.set_timer(_debounce(len(text)), self._debounced)
        if self._changed_at - self._saved_at > AUTOSAVE_MAX_WAIT:
            self._save(text)

    def _show_count(self, text: str) -> None:
        """The word count now; the rest of the bar stays as the last live report left it."""
        self.live_bar.update(
            Content.assemble(words_part(len(text.split()), self._bounds), self._rest)
        )

    def _schedule(self) -> None:
        self._changed_at = time.monotonic()
        if self._timer is None:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self._debounced)

    def _debounced(self) -> None:
        """The typing paused (or the timer was re-armed too early): run the live channels."""
        self._timer = None
        text = self.text_area.text
        self._big = len(text) > LIVE_MAX_CHARS
        self._show_count(text)
        remaining = self._changed_at + _debounce(len(text)) - time.monotonic()
        if remaining > 0.005:
            self._timer = self.set_timer(remaining, self._debounced)
            return
        if text != self._saved_text:
            self._save(text)
        if not self._live:
            return
        if len(text) <= LIVE_MAX_CHARS:
            self._run_live(text)
        else:
            self._run_window(self._edit_window(), self._edits)

    def _edit_window(self) -> str:
        """The paragraph around the cursor (blank-line bounded), at most LIVE_WINDOW_CHARS."""
        document = self.text_area.document
        row = self.text_area.cursor_location[0]
        first = last = row
        size = len(document.get_line(row))
        while first > 0 and document.get_line(first - 1).strip() and size < LIVE_WINDOW_CHARS:
            first -= 1
            size += len(document.get_line(first)) + 1
        while (
            last + 1 < document.line_count
            and document.get_line(last + 1).strip()
            and size < LIVE_WINDOW_CHARS
        ):
            last += 1
            size += len(document.get_line(last)) + 1
        window = "\n".join(document.get_line(i) for i in range(first, last + 1))
        return window[:LIVE_WINDOW_CHARS]

    @work(
        thread=True, exclusive=True, group="live", exit_on_error=False, description="Live feedback"
    )
    def _run_window(self, window: str, edits: int) -> None:
        """Local feedback on the edited paragraph of a big text, for the live bar only."""
        report = self._analyse(window)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_window, report, edits)

    def _apply_window(self, report: Report, edits: int) -> None:
        if edits != self._edits:
            return  # typed on meanwhile; the next pause brings a fresh result
        summary = findings_summary(report.findings) if report.metrics.words else Content("")
        self._rest = Content.assemble(
            ("  ·  this paragraph: ", "dim"),
            summary or Content("no hints"),
            (f"  ·  over {LIVE_MAX_CHARS:,} characters: full feedback on submit", "dim"),
        )
        self._show_count(self.text_area.text)

    @work(
        thread=True, exclusive=True, group="live", exit_on_error=False, description="Live feedback"
    )
    def _run_live(self, text: str) -> None:
        """Local feedback (fast, no LanguageTool), posted unless a newer run replaced this one."""
        report = self._analyse(text)
        if not get_current_worker().is_cancelled:
            self.post_message(self.LiveReport(self, report))

    @on(LiveReport)
    def _live_report(self, event: LiveReport) -> None:
        if event.composer is self:
            self.apply_live(event.report)

    def apply_live(self, report: Report) -> bool:
        """Show a live report; False (and nothing shown) when it is stale."""
        if report.text != self.text_area.text:
            return False  # the text changed while the worker ran; a newer run is coming
        self.last_report = report
        band = report.metrics.band
        self._bounds = (band.words_min, band.words_max)
        summary = findings_summary(report.findings) if report.metrics.words else Content("")
        self._rest = Content.assemble(
            metrics_line(report.metrics), ("  ·  ", "dim") if summary else "", summary
        )
        self._show_count(report.text)
        return True

    def _save(self, text: str) -> None:
        self._saved_at = time.monotonic()
        self._saved_text = text
        if not text.strip() and self._hold_empty:
            return  # cleared with ctrl+r: the old text stays on disk until it is really gone
        self._hold_empty = False
        if self._autosave is not None:
            self._write_autosave(text, self._next_seq())

    def _next_seq(self) -> int:
        self._save_seq += 1
        return self._save_seq

    def _write_entry(self, text: str, seq: int) -> None:
        """Write (or, for empty text, remove) the autosave file; raises OSError.

        Writes are serialised and numbered: a slow background write never overwrites a newer
        one, nor brings back a file that was discarded after the text was submitted.
        """
        target = self._autosave
        if target is None:
            return
        with self._save_lock:
            if seq < self._written_seq:
                return
            self._written_seq = seq
            self._write_unlocked(target, text)

    def _write_unlocked(self, target: AutosaveTarget, text: str) -> None:
        if text.strip():
            entry = AutosaveEntry(
                key=target.key,
                kind=target.kind,
                text=text,
                saved_at=target.clock(),
                scenario_id=target.scenario_id,
                template=target.template,
            )
            target.store.write(entry)
        else:
            target.store.discard(target.key)

    @work(
        thread=True, exclusive=True, group="autosave", exit_on_error=False, description="Autosave"
    )
    def _write_autosave(self, text: str, seq: int) -> None:
        """Autosave in the background; report the first failure only (then keep trying)."""
        try:
            self._write_entry(text, seq)
        except OSError as exc:
            if not self._autosave_reported:
                self._autosave_reported = True
                self.post_message(self.AutosaveFailed(self, f"{exc.strerror or exc}"))

    def flush_autosave(self) -> None:
        """Save now, synchronously (leaving the screen, quitting): never lose the last words."""
        if self._area is None or self._autosave is None:
            return
        text = self._area.text  # a reference, not a query: this also runs while unmounting
        if text == self._saved_text or (self._hold_empty and not text.strip()):
            return
        self._saved_text = text
        try:
            self._write_entry(text, self._next_seq())
        except OSError as exc:
            self.notify(f"Could not autosave: {exc.strerror or exc}", severity="error")

    def discard_autosave(self) -> None:
        """The text was submitted or saved for good: forget its autosave."""
        if self._autosave is not None:
            self._saved_text = ""
            try:
                self._write_entry("", self._next_seq())
            except OSError as exc:
                self.notify(f"Could not remove the autosave: {exc.strerror or exc}")

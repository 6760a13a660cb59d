"""CommCoachApp: screens, the app-wide workers (grammar status, full checks, history saves)
and quitting without losing anything.

Everything the app needs arrives through `AppContext` (built by `factory.make_app`); nothing
global is created here. Slow work runs in named thread workers, and worker failures are
reported by one `Worker.StateChanged` handler.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from itertools import chain
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from commcoach import safe_text
from commcoach.crash_log import crash_line, write_crash_log
from commcoach.feedback.report import GrammarStatus, Report
from commcoach.history import AttemptRecord, HistoryError, HistoryWriteError, PendingSaves
from commcoach.history.save import record_from_report, spill
from commcoach.scenarios import Library
from commcoach.tui import lost_terminal, signals
from commcoach.tui.commands import app_commands, screen_commands
from commcoach.tui.context import AppContext
from commcoach.tui.messages import (
    AttemptSaved,
    CheckRequest,
    CheckRequested,
    FeedbackReady,
    GrammarProgress,
    LibraryLoaded,
    SaveFailed,
)
from commcoach.tui.navigation import (
    open_check,
    open_draft,
    open_help,
    open_history,
    open_practice,
    open_settings,
)
from commcoach.tui.restore import mark_clean, offer_restore
from commcoach.tui.screens.dialogs import QuitDialog
from commcoach.tui.screens.home import HomeScreen
from commcoach.tui.widgets.composer import Composer
from commcoach.tui.widgets.status_bar import grammar_sentence

SAVE_WAIT_SECONDS = 5.0
"""On quit, how long to wait for saves in progress before asking what to do."""
PROGRESS_AFTER = 1.0
"""A grammar check shows its progress once it has taken this long (shorter ones just finish)."""
PROGRESS_EVERY = 0.25
"""At most this often (seconds), so a long document does not flood the screens with messages."""
STATUS_POLL_SECONDS = 1.0


class CommCoachApp(App[None]):
    """Practise workplace written English: scenarios, drafts, feedback and history."""

    CSS_PATH = "app.tcss"
    TITLE = "commcoach"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    """Below 110 columns side panels fold away (80x24 must stay readable)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("f1", "help", "Help", show=False),
    ]

    grammar_status: reactive[GrammarStatus | None] = reactive(None, init=False)
    """The grammar checker's state, polled in a worker; the top bars watch it."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        start_grammar: bool = True,
        offer_restore: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.cursor_blink = cursor_blink
        """False for tests and screenshots: a blinking cursor makes pictures differ."""
        self.start_grammar = start_grammar
        self.offer_restore = offer_restore
        self.pending = PendingSaves()
        self._restore_signals: Callable[[], None] | None = None
        self._stop_watch: Callable[[], None] | None = None
        """Attempts that failed to save, kept for a retry or an export."""
        self.in_flight: dict[int, tuple[CheckRequest, Report]] = {}
        """Submitted messages whose full check has not finished: request id -> local report."""
        self._saved_early: set[int] = set()
        self._quitting = False
        self._last_error: BaseException | None = None
        self.crash_log: Path | None = None
        """Where the traceback of an unhandled error went (None until one happens)."""

    def _handle_exception(self, error: Exception) -> None:
        """Keep the error for `_fatal_error` (Textual's hook does not pass it on)."""
        self._last_error = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An unhandled error: the traceback to a log file, one line on the terminal, exit 1.

        Overrides Textual's handler, which prints a traceback with the local variables (the
        learner's messages) to the terminal. Textual has already set the return code to 1 and
        kept the exception for `run_test`, which re-raises it in tests.
        """
        error = self._last_error or sys.exc_info()[1] or RuntimeError("unknown error")
        self.crash_log = write_crash_log(error)
        self.exit(return_code=1, message=Text(crash_line(error, self.crash_log), style="red"))

    def get_default_screen(self) -> Screen[None]:
        return HomeScreen(self.ctx)

    def on_mount(self) -> None:
        self._restore_signals = signals.install(self._terminate, self._keep_everything)
        if not self.is_headless:
            self._stop_watch = lost_terminal.watch(
                lost_terminal.terminal_fds(), self._keep_everything
            )
        self._apply_theme(self.ctx.settings.ui.theme)
        if self.ctx.library_loader is None:
            self._show_library_errors()
        for line in self.ctx.notices:
            self.notify(line, title="Settings", severity="error", timeout=15)
        bad = self.ctx.autosave.bad_files()
        if bad:
            names = ", ".join(p.name for p in bad)
            self.notify(f"Unreadable autosave files kept aside: {names}", severity="warning")
        self.call_after_refresh(self._start_background)
        if self.ctx.library_loader is None:
            self._offer_restore()

    def _show_library_errors(self) -> None:
        for line in self.ctx.library.errors:
            self.notify(line, title="Scenario not loaded", severity="warning", timeout=15)

    def _offer_restore(self) -> None:
        """Text left by a run that did not quit normally: offer it back."""
        if self.offer_restore:
            offer_restore(self, self.ctx)

    @work(thread=True, group="library", exit_on_error=False, description="Load scenarios")
    def _load_library(self) -> None:
        loader = self.ctx.library_loader
        if loader is not None:
            self.call_from_thread(self._library_loaded, loader())

    def _library_loaded(self, library: Library) -> None:
        self.ctx.library = library
        self.ctx.library_loader = None
        self._show_library_errors()
        self._broadcast(LibraryLoaded)
        self._offer_restore()
        self._start_services()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Stop the cursor blinking when asked (tests, screenshots)."""
        widget = event.widget
        if not self.cursor_blink and isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False

    def _apply_theme(self, name: str) -> None:
        if name in self.available_themes:
            self.theme = name
        else:
            self.notify(f"Unknown theme '{name}' in the settings; using {self.theme}.")

    @work(thread=True, group="history-open", exit_on_error=False, description="Open history")
    def _open_history(self) -> None:
        """Open (create, migrate) the database now, so problems show at start, not on save."""
        store = self.ctx.store
        if store is None:
            problem = self.ctx.store_problem or "no history database"
            self.call_from_thread(self.notify, problem, title="History", severity="error")
            return
        try:
            notice = store.open()
        except HistoryError as exc:
            self.ctx.store_problem = str(exc)
            self.call_from_thread(
                self.notify,
                f"{exc}. Attempts are kept in memory until it works.",
                title="History",
                severity="error",
                timeout=15,
            )
            return
        if notice:
            self.call_from_thread(
                self.notify, notice, title="History", severity="warning", timeout=15
            )

    def _start_background(self) -> None:
        """After the first frame: scenarios first (the list is what you look at), then the
        history, the feedback engine and LanguageTool, which would slow the list down."""
        if self.ctx.library_loader is not None:
            self._load_library()
        else:
            self._start_services()

    def _start_services(self) -> None:
        self._open_history()
        if self.start_grammar:
            self._start_grammar()
        self._poll_grammar()
        self.set_interval(STATUS_POLL_SECONDS, self._poll_grammar)
        self._warm_up()

    # --- grammar status -------------------------------------------------------------------

    @work(thread=True, group="grammar", exit_on_error=False, description="Start LanguageTool")
    def _start_grammar(self) -> None:
        """Ask the grammar checker to start its server in the background (non-blocking)."""
        self.ctx.engine.grammar.start()

    @work(
        thread=True,
        exclusive=True,
        group="grammar-status",
        exit_on_error=False,
        description="Read grammar status",
    )
    def _poll_grammar(self) -> None:
        status = self.ctx.engine.grammar.status()
        self.call_from_thread(setattr, self, "grammar_status", status)

    @work(thread=True, group="warm-up", exit_on_error=False, description="Warm up local feedback")
    def _warm_up(self) -> None:
        """Load the pronunciation dictionary now, not on the learner's first keystrokes."""
        self.ctx.engine.analyse("Warm up the readability formulas.", with_grammar=False)

    def action_grammar_status(self) -> None:
        """Say what the grammar checker is doing, in a full sentence."""
        self.notify(grammar_sentence(self.grammar_status), title="Grammar", timeout=10)

    # --- checks and saves -----------------------------------------------------------------

    @on(CheckRequested)
    def _check_requested(self, event: CheckRequested) -> None:
        event.stop()
        self._check(event.request)

    @work(thread=True, group="check", exit_on_error=False, description="Check a message")
    def _check(self, request: CheckRequest) -> None:
        """Local channels first (shown at once), then everything including LanguageTool."""
        engine = self.ctx.engine
        args = (request.text, request.scenario, request.turn_id)
        local = engine.analyse(*args, elements=request.elements, with_grammar=False)
        self.call_from_thread(self._deliver, request, local, False)
        progress = self._grammar_progress(request.id)
        full = engine.analyse(*args, elements=request.elements, progress=progress)
        self.call_from_thread(self._deliver, request, full, True)

    def _grammar_progress(self, request_id: int) -> Callable[[int, int], None]:
        """A progress callback for the grammar checker (called in the worker thread): after
        PROGRESS_AFTER it tells the screens, at most every PROGRESS_EVERY seconds."""
        started = time.monotonic()
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - started < PROGRESS_AFTER or now - last[0] < PROGRESS_EVERY:
                return
            last[0] = now
            self.call_from_thread(
                self._broadcast, partial(GrammarProgress, request_id, done, total)
            )

        return report

    def _deliver(self, request: CheckRequest, report: Report, final: bool) -> None:
        self.ctx.latest_feedback[request.id] = (report, final)
        if final:
            self.in_flight.pop(request.id, None)
            if request.save and request.id not in self._saved_early:
                self.save_report(request, report)
        else:
            self.in_flight[request.id] = (request, report)
        for screen in self.screen_stack:
            screen.post_message(FeedbackReady(request, report, final))

    def record_for(self, request: CheckRequest, report: Report) -> AttemptRecord:
        """The history record of a checked message."""
        spent = (self.ctx.clock() - request.started_at).total_seconds()
        return record_from_report(
            report,
            settings=self.ctx.settings,
            seconds_spent=spent,
            scenario=request.scenario,
            created_at=self.ctx.clock(),
            is_draft=request.kind == "draft",
            title=request.title,
        )

    def save_report(self, request: CheckRequest, report: Report) -> None:
        """Save in a worker; a failure keeps the attempt in `pending`."""
        self._save(request.id, self.record_for(request, report))

    @work(thread=True, group="save", exit_on_error=False, description="Save an attempt")
    def _save(self, request_id: int, record: AttemptRecord) -> None:
        store = self.ctx.store
        try:
            if store is None:
                error = HistoryWriteError(self.ctx.store_problem or "no history database")
                self.pending.keep(record, error)
                raise error
            attempt_id = self.pending.save(store, record)
        except HistoryWriteError as exc:
            self.call_from_thread(self._save_failed, request_id, str(exc))
            return
        self.call_from_thread(self._broadcast, partial(AttemptSaved, request_id, attempt_id))

    def _save_failed(self, request_id: int, problem: str) -> None:
        self.notify(
            f"{problem}. The attempt is kept; quitting offers a retry or an export.",
            title="Not saved",
            severity="error",
            timeout=15,
        )
        self._broadcast(partial(SaveFailed, request_id, problem))

    def _broadcast(self, make: Callable[[], Message]) -> None:
        """Post a fresh message to every screen in the stack (a message has one target)."""
        for screen in self.screen_stack:
            screen.post_message(make())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures are reported: a notice, never a crash."""
        if event.state is not WorkerState.ERROR:
            return
        worker = event.worker
        error = worker.error
        self.notify(
            f"{worker.description or worker.name} failed: {type(error).__name__}: {error}",
            title="Something went wrong",
            severity="error",
            timeout=15,
        )

    # --- navigation -----------------------------------------------------------------------

    def action_practise(self, scenario_id: str) -> None:
        """Practise the scenario with this id."""
        open_practice(self, self.ctx, scenario_id)

    def action_draft(self, template_id: str | None = None) -> None:
        """Draft a real message."""
        open_draft(self, self.ctx, template_id)

    def action_check(self) -> None:
        """Paste any message and check it."""
        open_check(self, self.ctx)

    def action_history(self) -> None:
        """Your attempts, scores over time and frequent findings."""
        open_history(self, self.ctx)

    def action_settings(self) -> None:
        """Grammar backend, English variant, dictionary, theme."""
        open_settings(self, self.ctx)

    def action_help(self) -> None:
        """Every key binding of the current screen and of the app."""
        open_help(self)

    def action_home(self) -> None:
        """Back to the scenario list."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every binding of the screen, every screen, every scenario and template (once)."""
        titles: set[str] = set()
        commands = chain(screen_commands(self, screen), app_commands(self, self.ctx))
        for command in chain(commands, super().get_system_commands(screen)):
            if command.title not in titles:
                titles.add(command.title)
                yield command

    # --- quitting -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit without losing text: flush autosaves, finish saves, then ask about failures."""
        if self._quitting:
            return
        self._quitting = True
        try:
            for screen in self.screen_stack:
                for composer in screen.query(Composer):
                    composer.flush_autosave()
            for request_id, (request, report) in list(self.in_flight.items()):
                if request.save:
                    self._saved_early.add(request_id)
                    self.save_report(request, report)
            await self._wait_for_saves(SAVE_WAIT_SECONDS)
            if len(self.pending):
                await self.push_screen(QuitDialog(self.pending, self.ctx), self._quit_chosen)
                return
            self._finish_quit()
        finally:
            self._quitting = False

    async def _wait_for_saves(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            if not any(w.group == "save" and w.is_running for w in self.workers):
                return
            await asyncio.sleep(0.02)

    def _quit_chosen(self, quit_now: bool | None) -> None:
        if quit_now:
            self._finish_quit()

    def _finish_quit(self) -> None:
        mark_clean(self, self.ctx)
        self.exit()

    def _terminate(self) -> None:
        """SIGTERM/SIGHUP: keep every word and attempt, then exit so the terminal is restored."""
        self._keep_everything()
        self.exit(return_code=143)

    def _keep_everything(self) -> None:
        """Write the composers' text and the unsaved attempts to disk, now. Also called from
        the stop watchdog's thread when the loop is stuck (see `signals`) and from the
        terminal watch when the terminal is gone (see `lost_terminal`): it reads widget state,
        which nothing changes then (no keystroke can arrive), and writes files."""
        for screen in self.screen_stack:
            for composer in screen.query(Composer):
                composer.flush_autosave()
        if len(self.pending):
            spill(self.pending, HistoryWriteError("the app was stopped before saving"))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, never markup (whatever `markup` a caller passes):
        they quote file names, scenario values and server answers."""
        super().notify(
            safe_text.plain(message),
            title=safe_text.plain(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_unmount(self) -> None:
        """Stop the grammar server and close the database (also after an error exit)."""
        if self._restore_signals is not None:
            self._restore_signals()
        if self._stop_watch is not None:
            self._stop_watch()
        if self.ctx.has_engine:
            self.ctx.engine.close()
        if self.ctx.store is not None:
            self.ctx.store.close()

"""Draft: write a real message (stand-up, weekly update, clarification request) with the same
live feedback as practice; prefill hints from `git log`; check it, copy it (OSC 52 works over
SSH), save it as Markdown. Every checked, copied or saved draft is kept in the history.
"""

from __future__ import annotations

from pathlib import Path

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Select, Static

from commcoach.feedback.grammar.vocabulary import default_store, repo_names
from commcoach.feedback.names import finding_habit, habit_name
from commcoach.feedback.report import Report, RubricResult
from commcoach.plural import count
from commcoach.rubric.evaluate import evaluate
from commcoach.tui.autosave import DRAFT_KEY
from commcoach.tui.context import AppContext
from commcoach.tui.drills import Drill
from commcoach.tui.git_hints import GitHints, git_hints
from commcoach.tui.messages import CheckRequest, CheckRequested, FeedbackReady
from commcoach.tui.screens.composer_screen import ComposerScreen
from commcoach.tui.screens.dialogs import ConfirmDialog, NameDialog, stamp
from commcoach.tui.screens.practice import REQUEST_IDS
from commcoach.tui.templates import (
    TEMPLATES,
    DraftRubric,
    Template,
    draft_rubric,
    template,
    with_hints,
)
from commcoach.tui.widgets.composer import AutosaveTarget, Composer
from commcoach.tui.widgets.render import rubric_line
from commcoach.tui.widgets.status_bar import TopBar


class DraftScreen(ComposerScreen):
    """A composer for real messages."""

    BINDINGS = [
        Binding("ctrl+s", "check", "Check", priority=True),
        Binding("ctrl+g", "git_hints", "Git hints"),
        Binding("ctrl+t", "choose_template", "Template"),
        Binding("ctrl+b", "copy", "Copy"),
        Binding("ctrl+o", "save_markdown", "Save .md"),
        Binding("escape", "back", "Back"),
    ]
    """Control keys only: the composer takes every letter."""

    restored_noun = "draft"
    nav_kind = "draft"
    """Its row in navigation.SCREEN_TABLE ('drill' for a drill: a new drill replaces it)."""

    composer = getters.query_one("#draft-composer", Composer)
    template_select = getters.query_one("#template-select", Select)
    tip = getters.query_one("#draft-tip", Static)

    def __init__(
        self, ctx: AppContext, template_id: str | None = None, drill: Drill | None = None
    ) -> None:
        super().__init__(ctx)
        self.drill = drill
        self.nav_kind = "drill" if drill else "draft"
        saved = None if drill else ctx.autosave.read(DRAFT_KEY)
        self.restored = saved if saved is not None and saved.text.strip() else None
        chosen = template_id or (self.restored.template if self.restored else None) or "standup"
        self.template: Template = template(chosen)
        self.started_at = ctx.clock()
        self.waiting: int | None = None
        self.kept_text: str | None = None
        """The text last saved to the history (copy/save do not save it twice)."""

    @property
    def nav_key(self) -> str:
        """A drill's rule (another drill replaces this one); '' for the Draft screen."""
        return self.drill.rule_id if self.drill else ""

    @property
    def habit_label(self) -> str:
        """The drill's habit, by its plain name."""
        return habit_name(self.drill.rule_id).name if self.drill else ""

    def unsent_text(self) -> str:
        """Typed text that closing would lose: a drill's (drafts are autosaved)."""
        if self.drill is None:
            return ""
        text = self.composer.text
        return "" if text.strip() == self.drill.text.strip() else text

    def compose(self) -> ComposeResult:
        crumb = f"Drill: {self.habit_label}" if self.drill else "Draft"
        yield TopBar(crumb)
        yield Select(
            [(t.title, t.id) for t in TEMPLATES],
            value=self.template.id,
            allow_blank=False,
            id="template-select",
            compact=True,
        )
        yield Static(id="draft-tip", markup=False)
        if self.drill:
            initial = self.drill.text
        elif self.restored:
            initial = self.restored.text
        else:
            initial = self.template.body
        yield Composer(
            self._analyse_live,
            autosave=None
            if self.drill
            else AutosaveTarget(
                self.ctx.autosave, DRAFT_KEY, "draft", self.ctx.clock, template=self.template.id
            ),
            live=self.ctx.settings.ui.live_feedback,
            text=initial,
            placeholder="Write your message… (ctrl+s checks it)",
            id="draft-composer",
        )
        yield Static(id="drill-status", markup=False)
        yield Static(id="draft-checklist", markup=False)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A drill has no template and no git hints."""
        return self.drill is None or action not in ("git_hints", "choose_template")

    def on_mount(self) -> None:
        self.template_select.display = self.drill is None
        self.query_one("#drill-status", Static).display = self.drill is not None
        self._show_tip()
        self._show_checklist(self.composer.text)
        if self.restored is not None:
            self.notify(
                f"Restored your draft ({count(self.restored.words, 'word')}) from "
                f"{self.restored.saved_at:%a %H:%M}.",
                title="Autosave",
            )
        if self.drill is None and self.restored is None:
            self.composer.text_area.move_cursor(self.template.first_gap)
        self.composer.text_area.focus()
        self._learn_repo_names()

    @work(thread=True, exclusive=True, group="names", exit_on_error=False, description="git names")
    def _learn_repo_names(self) -> None:
        """The speller accepts this repository's file names and identifiers (bounded work)."""
        default_store().add_session(repo_names(self.ctx.cwd))

    def _show_tip(self) -> None:
        if self.drill is not None:
            habit = habit_name(self.drill.rule_id)
            self.tip.update(
                Content.assemble(
                    ("2-minute drill: ", "bold $accent"),
                    "rewrite your sentence until this hint goes away. ",
                    (habit.line, "bold"),
                    "\n",
                    (self.drill.why, "dim"),
                )
            )
            return
        self.tip.update(Content.assemble(("Tip: ", "bold $accent"), self.template.tip))

    @property
    def rubric(self) -> DraftRubric | None:
        """The template's rubric (none in a drill); read each time: the scenario library
        loads in a worker after the first frame."""
        if self.drill is not None:
            return None
        return draft_rubric(self.template, self.ctx.library.scenarios)

    def _analyse_live(self, text: str) -> Report:
        judge = self.rubric
        if judge is None:
            return self.ctx.engine.analyse(text, with_grammar=False)
        return self.ctx.engine.analyse(
            text, judge.scenario, elements=judge.elements, with_grammar=False
        )

    @on(Composer.LiveReport)
    def _live(self, event: Composer.LiveReport) -> None:
        if self.drill is None:
            self._show_checklist(event.report.text, event.report.rubric)
            return
        habit = habit_name(self.drill.rule_id)
        still = any(finding_habit(f).key == habit.key for f in event.report.findings)
        status = self.query_one("#drill-status", Static)
        if still:
            status.update(Content.styled(f"✗ still there: {habit.name}", "$text-warning"))
        else:
            status.update(Content.styled(f"✓ fixed: no more {habit.name}", "$text-success"))

    def _show_checklist(self, text: str, judged: list[RubricResult] | None = None) -> None:
        """The template's checklist (stand-up: done / next / blockers), read by the rubric of
        the scenario it names, so Draft and practice judge one message alike. A live report
        already holds the results (`judged`); they are used when they are this template's."""
        line = self.query_one("#draft-checklist", Static)
        judge = self.rubric
        if judge is None:
            line.update("")
            return
        wanted = [e.id for e in judge.elements]
        results = (
            judged
            if judged is not None and [r.element_id for r in judged] == wanted
            else evaluate(text, judge.scenario, judge.elements)
        )
        line.update(Content.assemble(("Checklist: ", "bold"), rubric_line(results)))

    @on(Select.Changed, "#template-select")
    def _template_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.template.id:
            self.choose_template(event.value)

    def choose_template(self, template_id: str) -> None:
        """Switch template; text you wrote is replaced only after you say yes (undoable)."""
        text = self.composer.text
        if not text.strip() or text == self.template.body:
            self._apply_template(template_id)
            return
        chosen = template(template_id)
        self.app.push_screen(
            ConfirmDialog(
                f"Replace your text ({count(len(text.split()), 'word')}) with the "
                f"“{chosen.title}” template?",
                "ctrl+z in the editor brings your text back.",
                yes="Replace",
                no="Keep my text",
            ),
            lambda yes: self._apply_template(template_id) if yes else self._keep_template(),
        )

    def _keep_template(self) -> None:
        with self.template_select.prevent(Select.Changed):
            self.template_select.value = self.template.id
        self.composer.text_area.focus()

    def _apply_template(self, template_id: str) -> None:
        self.template = template(template_id)
        with self.template_select.prevent(Select.Changed):
            self.template_select.value = self.template.id
        self._show_tip()
        area = self.composer.text_area
        area.replace(self.template.body, (0, 0), area.document.end)
        area.move_cursor(self.template.first_gap)
        self._show_checklist(self.composer.text)
        area.focus()

    def action_choose_template(self) -> None:
        """Open the template list."""
        self.template_select.focus()
        self.template_select.expanded = True

    def _title(self) -> str:
        if self.drill is not None:
            return f"Drill: {self.habit_label}"
        return f"{self.template.title} {self.ctx.clock():%Y-%m-%d}"

    def _request(self, text: str) -> CheckRequest:
        judge = self.rubric
        return CheckRequest(
            id=next(REQUEST_IDS),
            kind="draft",
            text=text,
            started_at=self.started_at,
            scenario=judge.scenario if judge else None,
            elements=judge.elements if judge else None,
            title=self._title(),
        )

    def action_check(self) -> None:
        """Full feedback (LanguageTool too); the draft is kept in the history."""
        text = self.composer.text
        if not text.strip():
            self.notify("Write something first.", severity="warning")
            return
        self.composer.flush_autosave()
        request = self._request(text)
        self.waiting = request.id
        self.kept_text = text
        self.post_message(CheckRequested(request))

    @on(FeedbackReady)
    def _feedback(self, event: FeedbackReady) -> None:
        if event.request.id != self.waiting:
            return
        self.waiting = None
        self.show_feedback(event, "Draft")

    def _keep_in_history(self, text: str) -> None:
        """Save the final text as a draft unless that exact text is saved already."""
        if text.strip() and text != self.kept_text:
            self.kept_text = text
            self.post_message(CheckRequested(self._request(text)))

    def action_copy(self) -> None:
        """Copy the text to the clipboard (OSC 52: works over SSH in most terminals)."""
        text = self.composer.text
        if not text.strip():
            self.notify("Nothing to copy yet.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        self._keep_in_history(text)
        self.notify(
            f"Copied {count(len(text.split()), 'word')}. (Terminals without OSC 52 support, "
            "such as macOS Terminal, ignore it: use ctrl+o to save a file instead.)",
            timeout=6,
        )

    def action_save_markdown(self) -> None:
        """Save the text as a Markdown file."""
        if not self.composer.text.strip():
            self.notify("Nothing to save yet.", severity="warning")
            return
        name = f"{stamp(self.ctx.clock())}-{self.template.id}.md"
        default = self.ctx.export_dir / name
        self.app.push_screen(NameDialog("Save as Markdown", str(default)), self._save_to)

    def _save_to(self, raw: str | None) -> None:
        if raw:
            self._write_markdown(Path(raw).expanduser(), self.composer.text)

    @work(thread=True, group="draft-file", exit_on_error=False, description="Save Markdown")
    def _write_markdown(self, path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"Could not save {path}: {exc.strerror or exc}", severity="error"
            )
            return
        self.app.call_from_thread(self._saved_markdown, path, text)

    def _saved_markdown(self, path: Path, text: str) -> None:
        self._keep_in_history(text)
        self.notify(f"Saved {path}")

    def action_git_hints(self) -> None:
        """Put your commit subjects since the last working day in the draft, to rewrite."""
        self.notify("Reading git log…", timeout=2)
        self._read_git()

    @work(thread=True, exclusive=True, group="git", exit_on_error=False, description="git log")
    def _read_git(self) -> None:
        hints = git_hints(self.ctx.cwd, self.ctx.clock().date())
        self.app.call_from_thread(self._show_hints, hints)

    def _show_hints(self, hints: GitHints) -> None:
        if hints.problem:
            self.notify(f"No git hints: {hints.problem}.", severity="warning", timeout=6)
            return
        area = self.composer.text_area
        new = with_hints(self.composer.text, self.template.hints_heading, hints.bullets())
        area.replace(new, (0, 0), area.document.end)
        self.notify(
            f"Added {count(len(hints.subjects), 'commit subject')} since {hints.since:%A}: "
            "rewrite them for people who do not read the code (what changed for them, not how)."
        )

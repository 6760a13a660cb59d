"""The feedback on one message: the text with its findings highlighted, the findings list and
the selected finding's explanation, examples and replacements.

Used after a practice answer or a draft is checked, and for an attempt opened from the history
(read-only there: the text is shown as it was, and nothing can be applied).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from commcoach.feedback.grammar.vocabulary import VocabularyError, default_store
from commcoach.feedback.names import merge_findings
from commcoach.feedback.report import Category, Finding, Report
from commcoach.tui.widgets.render import finding_detail, finding_label, highlighted_text


def shift_findings(findings: list[Finding], start: int, end: int, new_length: int) -> list[Finding]:
    """Findings after text[start:end] was replaced by `new_length` characters.

    Findings overlapping the replaced span are dropped (they were about the old words); those
    after it move by the change in length; whole-message findings (rubric, readability) stay.
    """
    delta = new_length - (end - start)
    kept: list[Finding] = []
    for finding in findings:
        if finding.source in ("rubric", "readability"):
            kept.append(finding.model_copy(update={"end": max(0, finding.end + delta)}))
        elif finding.end <= start:
            kept.append(finding)
        elif finding.start >= end:
            kept.append(
                finding.model_copy(
                    update={"start": finding.start + delta, "end": finding.end + delta}
                )
            )
    return kept


class FeedbackView(Vertical):
    """Highlighted text, findings list and detail for one report."""

    @dataclass
    class Applied(Message):
        """A suggested replacement was applied: `text` is the new text."""

        view: FeedbackView
        text: str
        replaced: str
        replacement: str

    BINDINGS = [
        Binding(
            "plus",
            "add_word",
            "Add word",
            tooltip="Add the flagged word to your vocabulary: it is never flagged again",
        ),
    ]
    """One key to teach the speller a name or term (issue 11); works in read-only views too."""

    selected: reactive[int | None] = reactive(None, init=False)
    """Index of the highlighted finding in `findings`."""

    answer = getters.query_one("#answer-text", Static)
    finding_list = getters.query_one("#finding-list", OptionList)
    detail = getters.query_one("#finding-detail", Static)

    def __init__(self, report: Report, *, editable: bool, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.text = report.text
        self.findings = merge_findings(list(report.findings))
        """One entry per habit and place (two channels finding one slip show once)."""
        self.editable = editable
        self.edited = False
        """True once a replacement was applied (the report no longer matches the text)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="answer-scroll"):
            yield Static(id="answer-text", markup=False)
        with Horizontal(id="findings-row"):
            yield OptionList(id="finding-list")
            with VerticalScroll(id="detail-scroll"):
                yield Static(id="finding-detail", markup=False)

    def on_mount(self) -> None:
        self.finding_list.border_title = "Findings"
        self._fill()

    def show(self, report: Report) -> None:
        """Replace the report (the full check arrived); keeps the text if it was edited."""
        if self.edited:
            return
        self.text = report.text
        self.findings = merge_findings(list(report.findings))
        self._fill()

    def _fill(self) -> None:
        options = [
            Option(finding_label(f, self.text, lesson=False), id=f"finding-{i}")
            for i, f in enumerate(self.findings)
        ]
        self.finding_list.set_options(options)
        self.finding_list.border_subtitle = f"{len(self.findings)}"
        if self.findings:
            self.finding_list.highlighted = 0
            self.selected = 0
        else:
            self.selected = None
        self._refresh_view()

    def watch_selected(self) -> None:
        self._refresh_view()
        self.refresh_bindings()  # "Add word" shows only on a spelling finding

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Add word" only while a spelling finding is highlighted."""
        if action == "add_word":
            return self._selected_spelling() is not None
        return True

    def _selected_spelling(self) -> Finding | None:
        """The highlighted finding when it is a LanguageTool spelling finding."""
        if self.selected is None or self.selected >= len(self.findings):
            return None
        finding = self.findings[self.selected]
        if finding.category is not Category.SPELLING or finding.source != "languagetool":
            return None
        return finding

    def _refresh_view(self) -> None:
        self.answer.update(highlighted_text(self.text, self.findings, self.selected))
        if self.selected is None or self.selected >= len(self.findings):
            message = "No findings: nothing to fix here." if not self.findings else ""
            self.detail.update(message)
            return
        self.detail.update(finding_detail(self.findings[self.selected], self.text))
        self._scroll_to_selected()

    def _scroll_to_selected(self) -> None:
        """Bring the highlighted words into view (row estimated from the wrap width)."""
        if self.selected is None:
            return
        scroll = self.query_one("#answer-scroll", VerticalScroll)
        width = scroll.scrollable_content_region.width
        if width <= 0:
            return
        before = self.text[: self.findings[self.selected].start].split("\n")
        row = sum(len(part) // width + 1 for part in before[:-1]) + len(before[-1]) // width
        scroll.scroll_to(y=max(0, row - 1), animate=False)

    @on(OptionList.OptionHighlighted, "#finding-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.selected = event.option_index

    @on(OptionList.OptionSelected, "#finding-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a finding: show it (the detail pane follows the highlight already)."""
        event.stop()
        self.selected = event.option_index
        self.query_one("#detail-scroll", VerticalScroll).scroll_home(animate=False)

    def apply_selected(self, choice: int = 0) -> bool:
        """Apply the selected finding's suggestion number `choice`; False when there is none."""
        if not self.editable or self.selected is None or self.selected >= len(self.findings):
            return False
        finding = self.findings[self.selected]
        if choice >= len(finding.suggestions) or finding.source in ("rubric", "readability"):
            return False
        replacement = finding.suggestions[choice]
        replaced = self.text[finding.start : finding.end]
        self.text = self.text[: finding.start] + replacement + self.text[finding.end :]
        self.findings = shift_findings(self.findings, finding.start, finding.end, len(replacement))
        self.edited = True
        index = self.selected
        self._fill()
        if self.findings:
            self.finding_list.highlighted = min(index, len(self.findings) - 1)
        self.post_message(self.Applied(self, self.text, replaced, replacement))
        return True

    def action_add_word(self) -> None:
        """Add the selected spelling finding's word to the vocabulary store."""
        finding = self._selected_spelling()
        if finding is None:
            self.notify("Only a spelling finding's word can be added.", severity="warning")
            return
        self._store_word(self.text[finding.start : finding.end])

    @work(thread=True, exclusive=True, group="vocabulary", exit_on_error=False)
    def _store_word(self, raw: str) -> None:
        try:
            word = default_store().add(raw)
        except VocabularyError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="warning")
            return
        except OSError as exc:
            message = f"Could not save the vocabulary: {exc.strerror or exc}"
            self.app.call_from_thread(self.notify, message, severity="error")
            return
        self.app.call_from_thread(self._word_added, word)

    def _word_added(self, word: str) -> None:
        """Drop every spelling finding on this word, and say where it was stored."""
        self.findings = [
            f
            for f in self.findings
            if not (
                f.category is Category.SPELLING
                and self.text[f.start : f.end].strip().lower() == word.lower()
            )
        ]
        self._fill()
        self.notify(f"Added '{word}' to your vocabulary ({default_store().path}).")

    @property
    def can_apply(self) -> bool:
        """True when the selected finding has a replacement to apply."""
        if not self.editable or self.selected is None or self.selected >= len(self.findings):
            return False
        finding = self.findings[self.selected]
        return bool(finding.suggestions) and finding.source not in ("rubric", "readability")

"""Draft: templates, live feedback, git hints from a real repository, check (kept in the history
as a draft), copy to the clipboard, save as Markdown, and the autosave."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from commcoach import paths
from commcoach.history import AttemptFilters, HistoryStore
from commcoach.tui.app import CommCoachApp
from commcoach.tui.autosave import DRAFT_KEY
from commcoach.tui.screens.attempt import AttemptScreen
from commcoach.tui.screens.dialogs import ConfirmDialog, NameDialog
from commcoach.tui.screens.draft import DraftScreen
from commcoach.tui.templates import template

from .helpers import shown, wait_for


async def open_draft(pilot, app: CommCoachApp) -> DraftScreen:  # type: ignore[no-untyped-def]
    await pilot.press("d")
    await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="draft screen")
    screen = app.screen
    assert isinstance(screen, DraftScreen)
    return screen


async def test_template_switch_asks_first_and_keeps_undo(
    build: Callable[..., CommCoachApp],
) -> None:
    """Choosing a template over your own text asks; No keeps the text (and the template), Yes
    replaces it and ctrl+z brings it back."""
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(pilot, app)
        assert screen.composer.text == template("standup").body
        assert "Three short parts" in shown(screen.tip)
        await pilot.press(*"Fixed the bug")  # typed into the first empty bullet
        typed = screen.composer.text
        assert typed.startswith("Yesterday:\n- Fixed the bug\n\nToday:"), typed
        select = screen.query_one("#template-select", Select)
        select.value = "weekly"
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, what="back to the draft")
        assert screen.composer.text == typed
        assert screen.template.id == "standup" and select.value == "standup"
        select.value = "weekly"
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="question")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen, what="back to the draft")
        assert screen.composer.text == template("weekly").body
        assert screen.composer.text_area.cursor_location == (3, 2)  # the first "Done:" bullet
        assert "Lead with results" in shown(screen.tip)
        screen.composer.text_area.focus()
        await pilot.press("ctrl+z")  # your text comes back
        assert "Fixed the bug" in screen.composer.text


def _commit(repo: Path, message: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", message],
        cwd=repo,
        check=True,
        capture_output=True,
        env=env,
    )


async def test_git_hints_from_a_real_repository(
    build: Callable[..., CommCoachApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", os.devnull)
    repo = tmp_path / "repo"
    repo.mkdir()
    for args in (
        ["init", "-q"],
        ["config", "user.email", "me@example.com"],
        ["config", "user.name", "Me"],
    ):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    _commit(repo, "Fix flaky login test", "2026-03-10T11:00:00+01:00")  # Tuesday
    _commit(repo, "Old thing", "2026-03-01T11:00:00+01:00")
    app = build(cwd=repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(pilot, app)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "Fix flaky" in screen.composer.text, what="git hints")
        assert screen.composer.text.startswith("Yesterday:\n- Fix flaky login test\n")
        assert "Old thing" not in screen.composer.text


async def test_git_hints_outside_a_repository_is_a_notice(
    build: Callable[..., CommCoachApp], tmp_path: Path
) -> None:
    app = build(cwd=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(pilot, app)
        before = screen.composer.text
        await pilot.press("ctrl+g")
        await wait_for(
            pilot,
            lambda: any("No git hints" in str(n.message) for n in app._notifications),
            what="notice",
        )
        assert screen.composer.text == before


async def test_check_copy_and_save_keep_one_draft_in_history(
    build: Callable[..., CommCoachApp], store: HistoryStore, tmp_path: Path
) -> None:
    app = build(cwd=tmp_path)
    text = "Yesterday I finished the refund email template.\nToday I will test it."
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_draft(pilot, app)
        screen.composer.set_text(text)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        await wait_for(pilot, lambda: store.count() == 1, what="draft saved")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, what="back to the draft")
        await pilot.press("ctrl+b")
        assert app.clipboard == text
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, NameDialog), what="name dialog")
        box = app.screen.query_one(Input)
        assert box.value.endswith("-standup.md")
        assert box.value.startswith(str(paths.data_dir()))  # never the folder you work in
        target = tmp_path / "out" / "standup.md"
        box.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, what="markdown file")
        assert target.read_text(encoding="utf-8") == text + "\n"
        await pilot.pause(0.2)
        drafts = store.page(AttemptFilters(drafts=True)).items
        assert len(drafts) == 1  # same text: copy and save do not add duplicates
        assert drafts[0].title == "Stand-up update 2026-03-11"


async def test_a_checked_standup_is_scored_by_the_standup_rubric(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    """The Score tab of a checked stand-up says which goals it met (not 'No scenario rubric'),
    the draft is filed under the stand-up scenario, and the blank template has no checklist."""
    app = build()
    text = "Yesterday I merged the refund fix (PAY-12).\nToday I will test the emails."
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_draft(pilot, app)
        screen.composer.set_text(text)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AttemptScreen), what="feedback")
        feedback = app.screen
        assert isinstance(feedback, AttemptScreen)
        await wait_for(pilot, lambda: feedback.final, what="full check")
        met = {r.element_id: r.met for r in feedback.report.rubric}
        assert met == {"done": True, "next": True, "blockers": False}
        assert "2 of 3 rubric elements met" in shown(feedback.score_card)
        await wait_for(pilot, lambda: store.count() == 1, what="draft saved")
        saved = store.page(AttemptFilters(drafts=True)).items[0]
        assert saved.is_draft and saved.scenario_id == "standup-daily"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, what="back to the draft")
        screen.choose_template("blank")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="confirm")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.template.id == "blank", what="blank template")
        assert shown(screen.query_one("#draft-checklist")) == ""


async def test_copy_of_new_text_is_kept_as_a_draft(
    build: Callable[..., CommCoachApp], store: HistoryStore
) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(pilot, app)
        screen.composer.set_text("Quick question about PAY-12: is the refund limit per day?")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: store.count() == 1, what="draft kept")
        assert store.page().items[0].is_draft


async def test_draft_text_is_autosaved_and_restored(build: Callable[..., CommCoachApp]) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_draft(pilot, app)
        screen.composer.set_text("Notes for the weekly update")
        await wait_for(
            pilot,
            lambda: (
                (entry := app.ctx.autosave.read(DRAFT_KEY)) is not None
                and entry.text == "Notes for the weekly update"
            ),
            what="autosave file",
        )
        await pilot.press("escape")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen), what="draft again")
        assert app.screen.composer.text == "Notes for the weekly update"  # type: ignore[attr-defined]

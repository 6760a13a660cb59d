"""Unit tests for the TUI's non-Textual helpers: autosave files, git hints, templates, word
diff, drills and finding shifts. Real files and a real git repository in tmp folders."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from commcoach.feedback.grammar.explain import why_for
from commcoach.feedback.report import Category, Explanation, Finding, Severity
from commcoach.rubric.evaluate import evaluate
from commcoach.scenarios import load_library
from commcoach.tui.autosave import AutosaveEntry, AutosaveStore
from commcoach.tui.git_hints import git_hints, last_working_day
from commcoach.tui.templates import TEMPLATES, draft_rubric, template, with_hints
from commcoach.tui.widgets.feedback_view import shift_findings
from commcoach.tui.widgets.render import finding_detail
from commcoach.tui.word_diff import similarity, word_diff

NOW = datetime(2026, 3, 11, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def finding(start: int, end: int, source: str = "style") -> Finding:
    return Finding(
        rule_id="style.x",
        category=Category.STYLE,
        severity=Severity.WARNING,
        message="m",
        explanation=Explanation(why="w"),
        start=start,
        end=end,
        source=source,
    )


# --- autosave ------------------------------------------------------------------------------


def test_autosave_round_trip_and_clean_marking(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path / "autosave")
    assert store.entries() == []  # folder not created yet, nothing to offer
    assert not (tmp_path / "autosave").exists()
    entry = AutosaveEntry("practice-a", "practice", "Hello there", NOW, scenario_id="a")
    store.write(entry)
    assert store.read("practice-a") == entry
    assert [e.key for e in store.unclean()] == ["practice-a"]
    store.mark_all_clean()
    assert store.unclean() == []
    assert store.read("practice-a") is not None and store.read("practice-a").clean  # type: ignore[union-attr]
    store.discard("practice-a")
    assert store.read("practice-a") is None


def test_autosave_ignores_blank_and_reports_corrupt_files(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path)
    store.write(AutosaveEntry("draft", "draft", "   ", NOW))
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert store.entries() == []  # blank text is not worth offering
    assert [p.name for p in store.bad_files()] == ["broken.json"]
    assert (tmp_path / "broken.json").exists()  # never deleted


def test_autosave_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path)
    for i in range(5):
        store.write(AutosaveEntry("draft", "draft", f"text {i}", NOW))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json"]
    assert store.read("draft").text == "text 4"  # type: ignore[union-attr]


# --- git hints -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 9), date(2026, 3, 6)),  # Monday -> Friday
        (date(2026, 3, 11), date(2026, 3, 10)),  # Wednesday -> Tuesday
        (date(2026, 3, 15), date(2026, 3, 13)),  # Sunday -> Friday
        (date(2026, 3, 14), date(2026, 3, 13)),  # Saturday -> Friday
    ],
)
def test_last_working_day(today: date, expected: date) -> None:
    assert last_working_day(today) == expected


def _git(repo: Path, *args: str, when: str = "2026-03-10T15:00:00+01:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", os.devnull)
    path = tmp_path / "repo"
    path.mkdir()
    _git(path, "init", "-q")
    _git(path, "config", "user.email", "me@example.com")
    _git(path, "config", "user.name", "Me")
    return path


def test_git_hints_lists_my_commits_since_the_last_working_day(repo: Path) -> None:
    _git(repo, "commit", "-q", "--allow-empty", "-m", "Old work", when="2026-03-02T10:00:00+01:00")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "Fix flaky login test")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "Add refund template")
    _git(
        repo,
        "-c",
        "user.email=other@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Someone else's work",
    )
    hints = git_hints(repo, date(2026, 3, 11))
    assert hints.problem == ""
    assert hints.subjects == ["Fix flaky login test", "Add refund template"]  # oldest first
    assert hints.bullets() == ["- Fix flaky login test", "- Add refund template"]


def test_git_hints_outside_a_repository(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("git is not installed")
    hints = git_hints(tmp_path, date(2026, 3, 11))
    assert hints.subjects == []
    assert "not inside a git repository" in hints.problem


def test_git_hints_without_git(tmp_path: Path) -> None:
    hints = git_hints(tmp_path, date(2026, 3, 11), git="no-such-git-binary")
    assert hints.problem == "git is not installed (or not on PATH)"


def test_git_hints_empty_repository_and_no_recent_commits(repo: Path) -> None:
    assert git_hints(repo, date(2026, 3, 11)).problem == "this repository has no commits yet"
    _git(repo, "commit", "-q", "--allow-empty", "-m", "Old", when="2026-03-02T10:00:00+01:00")
    assert (
        "no commits by me@example.com since Tuesday" in git_hints(repo, date(2026, 3, 11)).problem
    )


# --- templates -----------------------------------------------------------------------------


def test_hints_go_under_the_done_heading() -> None:
    body = template("standup").body
    out = with_hints(body, "Yesterday:", ["- Fix login", "- Add refund"])
    assert out.startswith("Yesterday:\n- Fix login\n- Add refund\n\nToday:\n- \n")


def test_hints_append_a_section_when_the_template_has_no_heading() -> None:
    out = with_hints("Hi Sam,\n", "", ["- Fix login"])
    assert out == "Hi Sam,\n\nCommits to rewrite:\n- Fix login\n"
    assert with_hints("text", "Done:", []) == "text"


def test_template_ids_are_unique_and_unknown_is_blank() -> None:
    ids = [t.id for t in TEMPLATES]
    assert len(ids) == len(set(ids))
    assert template("nope").id == "blank"


# --- word diff -----------------------------------------------------------------------------


def _draft_checklist(template_id: str, text: str) -> dict[str, bool]:
    judge = draft_rubric(template(template_id), load_library().scenarios)
    assert judge is not None
    return {r.element_id: r.met for r in evaluate(text, judge.scenario, judge.elements)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TEMPLATES[0].body, {"done": False, "next": False, "blockers": True}),
        (
            "Yesterday:\n- fixed the login test\n\nToday:\n- refund email\n",
            {"done": True, "next": True, "blockers": False},
        ),
        ("I merged the fix. Today I will test it. Blocked on staging access.", None),
        ("Hi team, hope you are well.", {"done": False, "next": False, "blockers": False}),
        # the rubric's own reading: ongoing is not done, a wait is a blocker, 'none' answers
        (
            "I have been working on the export.\nToday: more of it.\nBlockers: none",
            {"done": False, "next": True, "blockers": True},
        ),
        (
            "I fixed the login test. I will review the PR. Still waiting for staging access.",
            None,
        ),
    ],
)
def test_the_standup_draft_is_judged_by_the_standup_scenarios_goals(
    text: str, expected: dict[str, bool] | None
) -> None:
    found = _draft_checklist("standup", text)
    assert found == (expected or {"done": True, "next": True, "blockers": True})


@pytest.mark.parametrize(
    ("risks", "met"),
    [
        ("- None", True),
        ("- The PDF library adds 3 seconds to every request.", True),
        ("- ", False),
    ],
)
def test_the_weekly_draft_accepts_a_named_risk_or_none(risks: str, met: bool) -> None:
    body = template("weekly").body.replace("- None", risks)
    assert _draft_checklist("weekly", body)["risk"] is met


def test_every_template_but_blank_has_a_rubric_and_its_empty_body_meets_little() -> None:
    """A template's own prompts are no evidence: 'Could you let me know by ?' asks nothing
    until the date is filled in."""
    scenarios = load_library().scenarios
    for item in TEMPLATES:
        judge = draft_rubric(item, scenarios)
        assert (judge is None) == (item.id == "blank"), item.id
    assert not any(_draft_checklist("clarify", template("clarify").body).values())
    filled = template("clarify").body.replace("by ?", "by Friday?")
    assert _draft_checklist("clarify", filled)["asks"] is True


def test_a_template_whose_scenario_did_not_load_has_no_rubric() -> None:
    assert draft_rubric(template("standup"), {}) is None


def test_word_diff_marks_words_only_in_one_text() -> None:
    pieces = word_diff("I fixed the bug yesterday.", "Yesterday I fixed the login bug.")
    assert [(p.op, p.text) for p in pieces] == [
        ("model", "Yesterday"),
        ("same", "I fixed the"),
        ("yours", "bug yesterday."),
        ("model", "login bug."),
    ]
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("a b c", "x y z") == 0.0


# --- finding shifts after applying a replacement -------------------------------------------


def test_shift_findings_moves_later_spans_and_drops_overlaps() -> None:
    findings = [finding(0, 3), finding(5, 9), finding(12, 15), finding(0, 20, source="rubric")]
    out = shift_findings(findings, 5, 9, 2)  # 4 chars -> 2 chars
    assert [(f.start, f.end) for f in out] == [(0, 3), (10, 13), (0, 18)]


def test_importing_and_building_the_app_touches_no_files(tmp_path: Path) -> None:
    """Nothing at import; `make_app` builds objects but opens nothing until the app runs."""
    import sys

    code = (
        "import commcoach.tui.app, commcoach.tui.factory\n"
        "from commcoach.tui.factory import make_app\n"
        "make_app()\n"
    )
    env = {
        **os.environ,
        "COMMCOACH_DATA_DIR": str(tmp_path / "data"),
        "COMMCOACH_CONFIG_FILE": str(tmp_path / "cfg" / "config.toml"),
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert not (tmp_path / "data").exists()
    assert not (tmp_path / "cfg").exists()


@pytest.mark.parametrize(
    ("template_id", "before_cursor"),
    [("standup", "Yesterday:\n- "), ("weekly", "Done:\n- "), ("clarify", "Hi "), ("blank", "")],
)
def test_each_template_starts_the_cursor_at_its_first_blank(
    template_id: str, before_cursor: str
) -> None:
    chosen = template(template_id)
    row, column = chosen.first_gap
    lines = chosen.body.split("\n")
    offset = sum(len(line) + 1 for line in lines[:row]) + column
    assert chosen.body[:offset].endswith(before_cursor)
    assert chosen.body[offset : offset + 1] in {"\n", ",", ""}


def test_the_detail_panel_says_the_rules_message_once() -> None:
    """The message is its own line; the reason after 'Why:' no longer repeats it ('Here: ...'),
    which doubled the text a learner reads in a narrow panel."""
    message = 'For a deadline, English uses "by": "by".'
    text = "I can finish until Monday."
    detail = finding_detail(
        Finding(
            rule_id="grammar.CC_UNTIL_BY",
            category=Category.GRAMMAR,
            severity=Severity.ERROR,
            message=message,
            explanation=Explanation(
                why=why_for("COMMCOACH_LEARNER", message, "CC_UNTIL_BY"), weak="", better=""
            ),
            start=13,
            end=18,
            suggestions=["by"],
            source="languagetool",
        ),
        text,
    ).plain
    assert detail.count(message) == 1
    assert "Why: For a deadline English says" in detail
    assert "Here:" not in detail

"""`commcoach check FILE...`: feedback on messages from files or stdin, like a linter.

Made for editors and git hooks: each FILE is its own message, all checked with one engine (one
grammar client on the user's shared LanguageTool server, which a first call starts and later
calls reuse). Text output is linter lines per file; `--format json` prints one report, or a JSON
array of `{"path", "report"}` objects when more than one file is given. Exit 0: no errors,
1: errors found in some file, 2: bad usage or unreadable input. A grammar check that takes more
than a second reports its progress on stderr (on a terminal only, so hooks stay quiet).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from commcoach.cli.common import echo, fail, library_from, settings_or_fail
from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.report import GrammarState, Report
from commcoach.models import Scenario
from commcoach.safe_text import plain
from commcoach.text import line_col

if TYPE_CHECKING:
    from commcoach.feedback.engine import FeedbackEngine

MAX_INPUT_BYTES = 1_000_000
PROGRESS_AFTER = 1.0
"""Seconds a grammar check may take before progress appears on stderr."""


@click.command()
@click.argument("sources", nargs=-1, metavar="[FILE...|-]")
@click.option("--scenario", "scenario_id", help="Check against this scenario's rubric.")
@click.option("--turn", type=int, help="Turn number (1-based) of the scenario.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--grammar", type=click.Choice([b.value for b in GrammarBackend]), help="Grammar backend."
)
@click.option("--save", is_flag=True, help="Keep the result in your history as a draft.")
@click.option(
    "--git-message",
    is_flag=True,
    help="FILE is a git commit message: ignore its # comment lines and the diff below >8.",
)
@click.pass_context
def check(
    ctx: click.Context,
    sources: tuple[str, ...],
    scenario_id: str | None,
    turn: int | None,
    fmt: str,
    grammar: str | None,
    save: bool,
    git_message: bool,
) -> None:
    """Feedback on each FILE (or stdin). Exit 0: no errors, 1: errors found, 2: bad usage."""
    names = list(sources) or ["-"]
    if names.count("-") > 1:
        fail("stdin (-) can be given only once")
    inputs = [_read(name) for name in names]  # read everything first: bad input fails early
    if git_message:
        inputs = [(strip_git_comments(text), name) for text, name in inputs]
    for text, name in inputs:
        if not text.strip():
            fail(f"{name}: empty message: nothing to check")
    settings = settings_or_fail()
    if grammar:
        settings = settings.model_copy(
            update={
                "grammar": settings.grammar.model_copy(update={"backend": GrammarBackend(grammar)})
            }
        )
    scenario, turn_id = _scenario(ctx, scenario_id, turn)

    from commcoach.feedback.engine import FeedbackEngine

    engine = FeedbackEngine(settings)
    results: list[tuple[str, Report]] = []
    try:
        for text, name in inputs:
            started = time.monotonic()
            report = _analyse(engine, text, name, scenario, turn_id)
            if save:
                _save(report, settings, scenario, time.monotonic() - started, name)
            results.append((name, report))
    finally:
        engine.close()
    if fmt == "json":
        if len(results) == 1:
            click.echo(results[0][1].model_dump_json(indent=2))
        else:
            array = [{"path": name, "report": r.model_dump(mode="json")} for name, r in results]
            click.echo(json.dumps(array, indent=2, ensure_ascii=False))
    else:
        blocks = [render_text(report, name) for name, report in results]
        if len(blocks) > 1:  # the summary lines carry no file name: say whose they are
            blocks = [
                f"== {name}\n{block}" for (name, _), block in zip(results, blocks, strict=True)
            ]
        echo("\n".join(blocks))
    raise SystemExit(1 if any(r.has_errors for _, r in results) else 0)


def _scenario(
    ctx: click.Context, scenario_id: str | None, turn: int | None
) -> tuple[Scenario | None, str | None]:
    """The --scenario and --turn options, validated."""
    if turn is not None and scenario_id is None:
        fail("--turn needs --scenario")
    if not scenario_id:
        return None, None
    scenario = library_from(ctx, warn=False).scenarios.get(scenario_id)
    if scenario is None:
        fail(f"--scenario: no scenario '{scenario_id}' (see `commcoach scenarios list`)")
    if turn is None:
        return scenario, None
    if not 1 <= turn <= len(scenario.turns):
        fail(f"--turn: {scenario_id} has turns 1-{len(scenario.turns)}, not {turn}")
    return scenario, scenario.turns[turn - 1].id


def _analyse(
    engine: FeedbackEngine, text: str, name: str, scenario: Scenario | None, turn: str | None
) -> Report:
    """One file's report, with progress on stderr when its grammar check takes over 1 s."""
    meter = ProgressMeter(name, sys.stderr)
    try:
        return engine.analyse(text, scenario, turn, progress=meter.update)
    finally:
        meter.finish()


class ProgressMeter:
    """`name: grammar 40% (28,000 of 70,000 characters)`, from 1 s on, on terminals only.

    A ticker thread writes the first line after PROGRESS_AFTER even while the first request is
    still running (a cold server start or a long first batch), then every update redraws it.
    """

    def __init__(self, name: str, stream: TextIO, *, force: bool = False) -> None:
        self.name = name
        self.stream = stream
        self.enabled = force or stream.isatty()
        self.started = time.monotonic()
        self.done = 0
        self.total = 0
        self.shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._ticker.start()

    def update(self, done: int, total: int) -> None:
        """Progress callback for the grammar checker (characters)."""
        with self._lock:
            self.done, self.total = done, total
        if self.enabled and time.monotonic() - self.started >= PROGRESS_AFTER:
            self._draw()

    def _tick(self) -> None:
        while not self._stop.wait(PROGRESS_AFTER / 2):
            if time.monotonic() - self.started >= PROGRESS_AFTER:
                self._draw()

    def _draw(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            if self.total:
                share = self.done / self.total
                line = (
                    f"{self.name}: grammar {share:4.0%} "
                    f"({self.done:,} of {self.total:,} characters)"
                )
            else:
                line = f"{self.name}: checking grammar ({time.monotonic() - self.started:.0f} s)"
            self.stream.write(f"\r{line}\x1b[K")
            self.stream.flush()
            self.shown = True

    def finish(self) -> None:
        """Stop the ticker and end the progress line."""
        with self._lock:
            self._stop.set()
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
        if self._ticker is not None:
            self._ticker.join(timeout=1)


SCISSORS = "# ------------------------ >8 ------------------------"


def strip_git_comments(text: str) -> str:
    """Blank git's `#` lines and cut at the scissors line; line numbers stay the same."""
    lines = text.split("\n")
    if SCISSORS in lines:
        lines = lines[: lines.index(SCISSORS)]
    return "\n".join("" if line.startswith("#") else line for line in lines)


def _read(source: str) -> tuple[str, str]:
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            name = "<stdin>"
        else:
            path = Path(source)
            if path.is_dir():
                fail(f"{source}: is a folder, not a text file")
            with path.open("rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
            name = source
    except OSError as exc:
        fail(f"{source}: cannot read: {exc.strerror or exc}")
    if len(raw) > MAX_INPUT_BYTES:
        fail(f"{name}: larger than {MAX_INPUT_BYTES // 1000} KB; check one message at a time")
    if b"\x00" in raw:
        fail(f"{name}: binary file, not text")
    try:
        return raw.decode("utf-8"), name
    except UnicodeDecodeError as exc:
        fail(f"{name}: not UTF-8 text (byte {exc.start})")


def _save(
    report: Report, settings: Settings, scenario: Scenario | None, seconds: float, name: str
) -> None:
    """Keep the result as a draft; a failed save says where the attempt was kept instead."""
    from commcoach.history.save import save_draft_report

    notice = save_draft_report(report, seconds, title=name, settings=settings, scenario=scenario)
    echo(notice, err=True)


def render_text(report: Report, name: str) -> str:
    """Linter-style lines, then metrics, rubric and score."""
    from commcoach.feedback.names import finding_habit, merge_findings
    from commcoach.plural import count

    lines = []
    for f in merge_findings(report.findings):  # one habit on the same words: listed once
        line, col = line_col(report.text, f.start)
        fix = f" (try: {', '.join(f.suggestions[:3])})" if f.suggestions else ""
        habit = finding_habit(f).name  # the plain name; rule ids are in --format json
        # a rubric gap's message is its name ("Missing: ..."): say what to add instead
        said = f.explanation.better if f.source == "rubric" and f.explanation.better else f.message
        finding = f"{name}:{line}:{col}: {f.severity.value} {habit}: {said}{fix}"
        lines.append(plain(finding, one_line=True))  # one line each, whatever a server says
    m = report.metrics
    band = m.band
    # Readability (the score's readability part) is Flesch and grade only; length is judged
    # apart (in the content part), so an 8-word answer is "easy to read" and "too short".
    readable = not m.words or (
        m.flesch_reading_ease >= band.flesch_min and m.flesch_kincaid_grade <= band.grade_max
    )
    lines.append(
        f"-- {count(m.words, 'word')}, {count(m.sentences, 'sentence')}; "
        f"Flesch {m.flesch_reading_ease:g}, grade {m.flesch_kincaid_grade:g}, "
        f"fog {m.gunning_fog:g} (readability {'in' if readable else 'outside'} target: "
        f"Flesch >= {band.flesch_min:g}, grade <= {band.grade_max:g})"
    )
    if band.words_min is not None and m.words < band.words_min:
        lines.append(f"-- length: too short for this task (aim for {band.words_min} words or more)")
    elif band.words_max is not None and m.words > band.words_max:
        lines.append(f"-- length: too long for this task (aim for {band.words_max} words or fewer)")
    for r in report.rubric:
        mark = "x" if r.met else " "
        evidence = ""
        if r.met and r.evidence_start is not None and r.evidence_end is not None:
            evidence = f' - "{report.text[r.evidence_start : r.evidence_end]}"'
        lines.append(plain(f"-- [{mark}] {r.label}{evidence}", one_line=True))
    g = report.grammar
    if g.checked:
        lines.append("-- grammar: checked")
    elif g.state is GrammarState.PARTIAL:
        lines.append(f"-- grammar: {g.detail}")
    else:
        lines.append(f"-- grammar: not checked ({g.detail or g.reason})")
    parts = ", ".join(f"{c.name} {c.points:g}/{c.max_points:g}" for c in report.score.components)
    provisional = " - provisional: grammar not checked" if report.score.provisional else ""
    lines.append(f"-- score {report.score.total}/100 ({parts}){provisional}")
    return "\n".join(lines)

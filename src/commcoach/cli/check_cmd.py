"""`commcoach check`: feedback on a message from a file or stdin, like a linter."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from commcoach.cli.common import fail, library_from, settings_or_fail
from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.report import Report
from commcoach.models import Scenario
from commcoach.text import line_col

MAX_INPUT_BYTES = 1_000_000


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--scenario", "scenario_id", help="Check against this scenario's rubric.")
@click.option("--turn", type=int, help="Turn number (1-based) of the scenario.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--grammar", type=click.Choice([b.value for b in GrammarBackend]), help="Grammar backend."
)
@click.option("--save", is_flag=True, help="Keep the result in your history as a draft.")
@click.pass_context
def check(
    ctx: click.Context,
    source: str,
    scenario_id: str | None,
    turn: int | None,
    fmt: str,
    grammar: str | None,
    save: bool,
) -> None:
    """Feedback on FILE (or stdin). Exit 0: no errors, 1: errors found, 2: bad usage."""
    text, name = _read(source)
    settings = settings_or_fail()
    if grammar:
        settings = settings.model_copy(
            update={
                "grammar": settings.grammar.model_copy(update={"backend": GrammarBackend(grammar)})
            }
        )
    scenario = None
    turn_id = None
    if turn is not None and scenario_id is None:
        fail("--turn needs --scenario")
    if scenario_id:
        scenario = library_from(ctx, warn=False).scenarios.get(scenario_id)
        if scenario is None:
            fail(f"--scenario: no scenario '{scenario_id}' (see `commcoach scenarios list`)")
        if turn is not None:
            if not 1 <= turn <= len(scenario.turns):
                fail(f"--turn: {scenario_id} has turns 1-{len(scenario.turns)}, not {turn}")
            turn_id = scenario.turns[turn - 1].id

    from commcoach.feedback.engine import FeedbackEngine

    engine = FeedbackEngine(settings)
    started = time.monotonic()
    try:
        report = engine.analyse(text, scenario, turn_id)
    finally:
        engine.close()
    if save:
        _save(report, settings, scenario, time.monotonic() - started, name)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    else:
        click.echo(render_text(report, name))
    raise SystemExit(1 if report.has_errors else 0)


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
    click.echo(notice, err=True)


def render_text(report: Report, name: str) -> str:
    """Linter-style lines, then metrics, rubric and score."""
    from commcoach.feedback.names import finding_habit, merge_findings
    from commcoach.plural import count

    lines = []
    for f in merge_findings(report.findings):  # one habit on the same words: listed once
        line, col = line_col(report.text, f.start)
        fix = f" (try: {', '.join(f.suggestions[:3])})" if f.suggestions else ""
        habit = finding_habit(f).name  # the plain name; rule ids are in --format json
        lines.append(f"{name}:{line}:{col}: {f.severity.value} {habit}: {f.message}{fix}")
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
        lines.append(f"-- [{mark}] {r.label}{evidence}")
    g = report.grammar
    lines.append(
        "-- grammar: checked" if g.checked else f"-- grammar: not checked ({g.detail or g.reason})"
    )
    parts = ", ".join(f"{c.name} {c.points:g}/{c.max_points:g}" for c in report.score.components)
    lines.append(f"-- score {report.score.total}/100 ({parts})")
    return "\n".join(lines)

"""`commcoach scenarios list|show|validate|schema`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from commcoach.cli.common import echo, fail, library_from
from commcoach.models import Scenario
from commcoach.scenarios import builtin_dir, expand, load_paths
from commcoach.text import count_words


@click.group()
def scenarios() -> None:
    """List, show and validate practice scenarios."""


@scenarios.command("list")
@click.option("--category", help="Only this category.")
@click.pass_context
def list_(ctx: click.Context, category: str | None) -> None:
    """All scenarios, grouped by category."""
    library = library_from(ctx)
    for name, items in library.by_category().items():
        if category and name != category:
            continue
        click.secho(name, bold=True)
        for s in items:
            turns = f"{len(s.turns)} turns" if len(s.turns) > 1 else "1 turn"
            echo(f"  {s.id:<34} {'*' * s.difficulty:<3} {s.audience.value:<9} {turns:<8} {s.title}")


@scenarios.command()
@click.argument("scenario_id")
@click.pass_context
def show(ctx: click.Context, scenario_id: str) -> None:
    """One scenario: brief, turns, rubric, tips."""
    library = library_from(ctx)
    scenario = library.scenarios.get(scenario_id)
    if scenario is None:
        fail(f"no scenario '{scenario_id}' (see `commcoach scenarios list`)")
    echo(render(scenario))


def render(s: Scenario) -> str:
    """A readable plain-text view of a scenario."""
    lines = [
        f"{s.title}  [{s.id}]",
        f"Category: {s.category} | difficulty {s.difficulty}/3 | to: {s.audience.value} "
        f"| register: {s.formality.value}",
        f"Counterpart: {s.counterpart.name}, {s.counterpart.role}",
        "",
        s.brief,
        "",
    ]
    for i, turn in enumerate(s.turns, 1):
        lines += [
            f"Turn {i} ({turn.id})",
            f"  {s.counterpart.name}: {turn.message}",
            f"  Your task: {turn.task}",
        ]
        for follow in turn.follow_ups:
            cond = f"when {follow.when}" if follow.when is not None else f"unless {follow.unless}"
            lines.append(f"  Follow-up ({cond}): {follow.message}")
    lines += ["", "A good answer:"]
    lines += [f"  [ ] {e.label}" for e in s.rubric.elements]
    if s.rubric.words:
        lines.append(f"  Length: {s.rubric.words.min}-{s.rubric.words.max} words")
    if s.tips:
        lines += ["", "Tips:"] + [f"  - {t}" for t in s.tips]
    return "\n".join(lines)


@scenarios.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check scenario files (default: the built-in library). Exit 1 if any is invalid."""
    targets = list(paths) or [builtin_dir()]
    missing = [p for p in targets if not p.exists()]
    for p in missing:
        echo(f"{p}: no such file or folder", err=True)
    files = expand(p for p in targets if p.exists())
    library = load_paths(files)
    for error in library.errors:
        echo(error, err=True)
    for scenario in library.scenarios.values():
        for problem in model_answer_problems(scenario):
            echo(f"{library.sources[scenario.id].name}: {problem}", err=True)
    bad = (
        len(library.errors)
        + len(missing)
        + sum(bool(model_answer_problems(s)) for s in library.scenarios.values())
    )
    echo(f"{len(files)} files, {len(library.scenarios)} scenarios loaded, {bad} problems")
    if bad or not files:
        raise SystemExit(1)


def model_answer_problems(scenario: Scenario) -> list[str]:
    """A scenario whose own model answer misses its rubric teaches the wrong thing."""
    from commcoach.rubric.matching import find_evidence

    by_id = {e.id: e for e in scenario.rubric.elements}
    problems = []
    for i, answer in enumerate(scenario.model_answers):
        turn_id = scenario.answer_turn(answer)
        for element in scenario.expected_elements(turn_id):
            if find_evidence(element.detector, answer.text, by_id) is None:
                problems.append(f"model_answers[{i}]: misses rubric element '{element.id}'")
        bounds = scenario.rubric.words
        words = count_words(answer.text)
        if bounds and not bounds.min <= words <= bounds.max:
            problems.append(f"model_answers[{i}]: {words} words, outside {bounds.min}-{bounds.max}")
    return problems


@scenarios.command()
def schema() -> None:
    """Print the JSON Schema of a scenario file."""
    from commcoach.schema_docs import schema_with_descriptions

    echo(json.dumps(schema_with_descriptions(Scenario), indent=2))

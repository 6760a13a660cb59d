"""The `commcoach` command line: bare `commcoach` launches the TUI; sub-commands do the rest.

Sub-command modules load lazily, so `commcoach --help` and `commcoach check` never import
Textual or start anything they do not need.
"""

from __future__ import annotations

import importlib

import click

from commcoach import __version__

_COMMANDS: dict[str, tuple[str, str]] = {
    "scenarios": ("commcoach.cli.scenarios_cmd", "scenarios"),
    "check": ("commcoach.cli.check_cmd", "check"),
    "history": ("commcoach.cli.history_cmd", "history"),
    "languagetool": ("commcoach.cli.languagetool_cmd", "languagetool"),
}
"""Sub-command name -> (module, attribute); imported only when used."""


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module = importlib.import_module(target[0])
        command = getattr(module, target[1])
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="commcoach")
@click.option(
    "--scenarios",
    "scenario_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Extra folder of scenario YAML files (repeatable).",
)
@click.pass_context
def cli(ctx: click.Context, scenario_dirs: tuple[str, ...]) -> None:
    """commcoach: practise workplace written English.

    Run without a command to open the app.
    """
    ctx.ensure_object(dict)
    ctx.obj["scenario_dirs"] = scenario_dirs
    if ctx.invoked_subcommand is None:
        from commcoach.cli.app_cmd import launch

        launch(scenario_dirs)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="commcoach")


if __name__ == "__main__":  # pragma: no cover
    main()

"""`commcoach languagetool install|start|stop|status`: set up and manage the grammar checker.

`install` is what `make setup` and CI run: idempotent (a verified install returns in well under
a second), exit 0 when LanguageTool is ready to use, one line and exit 1 when it cannot be
(no Java, no network route). `start` and `stop` manage the user's shared server (the one the
app and every `commcoach check` use; it also stops by itself after `grammar.idle_minutes`).
`status` explains what is there, shows the shared server, and times a test check (for the local
backend on the shared server, which it starts if needed and says so).
"""

from __future__ import annotations

import sys
import time

import click

from commcoach import paths
from commcoach.cli.common import echo, fail, settings_or_fail
from commcoach.config import GrammarBackend, Settings
from commcoach.errors import CommcoachError
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.languagetool import LT_VERSION, custom_rules
from commcoach.languagetool.errors import LanguageToolError
from commcoach.languagetool.install import SOURCES, find_install, home_dir, install, read_marker
from commcoach.languagetool.java import find_java
from commcoach.languagetool.server import ServerState
from commcoach.languagetool.shared import SharedServer, stop_shared
from commcoach.languagetool.state import is_supervisor, last_used, read_record, shared_dir

FAILURE = 1
TEST_SENTENCE = "Yesterday I fix the bug in teh login page."


@click.group()
def languagetool() -> None:
    """Install and inspect LanguageTool, the local grammar and spelling checker."""


@languagetool.command(name="install")
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    default="auto",
    show_default=True,
    help="Download route: Maven Central over HTTPS, language-tool-python's download, or mvn.",
)
@click.option("--force", is_flag=True, help="Download again even if installed.")
@click.option(
    "--skip-java-check", is_flag=True, help="Install even without Java 17+ (e.g. for an image)."
)
def install_cmd(source: str, force: bool, skip_java_check: bool) -> None:
    """Download LanguageTool 6.8 (~260 MB) into the LanguageTool folder, once."""
    if not skip_java_check:
        try:
            find_java()
        except LanguageToolError as exc:
            fail(str(exc), FAILURE)
    bar = _ProgressBar(f"Downloading LanguageTool {LT_VERSION}")
    try:
        result = install(source=source, force=force, progress=bar.update, say=bar.say)
    except CommcoachError as exc:
        bar.finish()
        fail(str(exc), FAILURE)
    bar.finish()
    if result.already:
        click.echo(f"LanguageTool {LT_VERSION} is already installed in {result.home}")


@languagetool.command()
def start() -> None:
    """Start your shared LanguageTool server now (the first check would start it anyway)."""
    settings = settings_or_fail()
    checker = _local_checker(settings)
    server = checker.server
    assert isinstance(server, SharedServer)
    started = time.monotonic()
    server.start()
    current = server.wait_ready(checker.start_wait)
    if current.state is not ServerState.READY:
        fail(current.detail, FAILURE)
    minutes = settings.grammar.idle_minutes
    click.echo(
        f"LanguageTool {LT_VERSION} is running at {current.url} "
        f"(ready after {time.monotonic() - started:.1f} s; stops after {minutes:g} min idle)"
    )


@languagetool.command()
def stop() -> None:
    """Stop your shared LanguageTool server (the app and checks start it again when needed)."""
    try:
        record = stop_shared()
    except (OSError, TimeoutError) as exc:
        fail(f"cannot stop LanguageTool: {exc}", FAILURE)
    if record is None:
        click.echo("LanguageTool is not running.")
    else:
        click.echo(f"Stopped LanguageTool (supervisor pid {record.supervisor_pid}).")


def _local_checker(settings: Settings) -> LanguageToolChecker:
    """A checker on the shared server, whatever grammar.backend says."""
    from commcoach.feedback.grammar import make_grammar_checker

    local = settings.model_copy(
        update={"grammar": settings.grammar.model_copy(update={"backend": GrammarBackend.LOCAL})}
    )
    checker = make_grammar_checker(local)
    assert isinstance(checker, LanguageToolChecker)
    return checker


def _describe_shared() -> str:
    """One line on the shared server, from its state file (starts nothing)."""
    record = read_record(shared_dir())
    if record is None or not is_supervisor(record.supervisor_pid):
        return "not running (starts on the first check)"
    used = max(0.0, time.time() - last_used(shared_dir()))
    where = f" at {record.url}" if record.url else ""
    return (
        f"{record.state}{where}, LanguageTool {record.version}, pid {record.supervisor_pid}, "
        f"last used {used:.0f} s ago, stops after {record.idle_seconds / 60:g} min idle"
    )


@languagetool.command()
@click.option("--no-test", is_flag=True, help="Do not run a test check.")
def status(no_test: bool) -> None:
    """Java, install folder, LanguageTool version, server state and a test check's latency."""
    settings = settings_or_fail()
    ok = True
    try:
        java = find_java()
        click.echo(f"Java:          {java.path} ({java.version_line}) - OK")
    except LanguageToolError as exc:
        click.echo(f"Java:          {exc}")
        ok = False
    click.echo(f"Install folder:{' '}{paths.languagetool_dir()}")
    try:
        home = find_install()
        marker = read_marker(home)
        origin = f", from {marker['source']}" if "source" in marker else ""
        click.echo(f"LanguageTool:  {LT_VERSION} in {home.name}/{origin}")
    except LanguageToolError as exc:
        click.echo(f"LanguageTool:  {exc}")
        ok = False
    backend = settings.grammar.backend
    click.echo(f"Backend:       {backend.value}")
    click.echo(f"Shared server: {_describe_shared()}")
    if backend is GrammarBackend.PUBLIC:
        click.echo("               (public: your text is sent to api.languagetool.org)")
    if no_test or backend is GrammarBackend.OFF:
        raise SystemExit(0 if ok else FAILURE)
    if backend is GrammarBackend.LOCAL and not ok:
        click.echo(f"Server:        cannot start (see above); folder {home_dir().parent}")
        raise SystemExit(FAILURE)
    ok = _test_check(settings) and ok
    raise SystemExit(0 if ok else FAILURE)


def _test_check(settings: Settings) -> bool:
    """Time one check with the configured backend (local: the shared server, started if needed)."""
    from commcoach.feedback.grammar import make_grammar_checker

    local = settings.grammar.backend is GrammarBackend.LOCAL
    if local and _describe_shared().startswith("not running"):
        click.echo("Server:        starting your shared LanguageTool server for a test check...")
    checker = make_grammar_checker(settings)
    try:
        started = time.monotonic()
        checker.start()
        findings, outcome = checker.check(TEST_SENTENCE)
        first = time.monotonic() - started
        if not outcome.checked:
            echo(f"Server:        unavailable: {outcome.detail}")
            return False
        if local:
            click.echo(f"Server:        ready at {outcome.server}; first check took {first:.1f} s")
        else:
            click.echo(f"Server:        {outcome.server} answered in {first * 1000:.0f} ms")
        started = time.monotonic()
        checker.check(TEST_SENTENCE + " He go home.")
        warm = (time.monotonic() - started) * 1000
        plural = "" if len(findings) == 1 else "s"
        click.echo(
            f"Test check:    {len(findings)} finding{plural}; a new sentence took {warm:.0f} ms"
        )
        click.echo(f"Learner rules: {_learner_rules(outcome.server, local)}")
        return True
    finally:
        checker.close()


def _learner_rules(url: str, local: bool) -> str:
    """Whether the server flags one of our rules' own examples with our rule (the canary)."""
    from commcoach.feedback.grammar.client import CheckFailure, LtClient

    client = LtClient(url, 30.0)
    try:
        present = custom_rules.loaded(client)
    except CheckFailure as failure:
        return f"could not ask the server ({failure.detail})"
    finally:
        client.close()
    if present:
        return f"custom learner rules loaded (grammar_custom.xml {custom_rules.rules_hash()})"
    if local:
        return "custom learner rules NOT loaded: the server did not flag the canary sentence"
    return "custom learner rules: not available on a remote server"


class _ProgressBar:
    """`[#####-----]  45%  117/258 MB` on a terminal (redrawn in place); every 25% otherwise."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.active = False
        self.last_quarter = -1

    def update(self, done: int, total: int | None) -> None:
        """Progress callback for install()."""
        mb = done / 2**20
        if not total:
            line, quarter = f"{self.label}: {mb:.0f} MB", int(mb // 64)
        else:
            share = min(1.0, done / total)
            filled = int(share * 30)
            line = (
                f"{self.label} [{'#' * filled}{'-' * (30 - filled)}] {share:4.0%} "
                f"{mb:.0f}/{total / 2**20:.0f} MB"
            )
            quarter = int(share * 4)
        if self.tty:
            click.echo(f"\r{line}", nl=False, err=True)
            self.active = True
        elif quarter != self.last_quarter:
            click.echo(line, err=True)
        self.last_quarter = quarter

    def say(self, line: str) -> None:
        """A status line from install(), printed below the bar."""
        self.finish()
        click.echo(line)

    def finish(self) -> None:
        """End the in-place line."""
        if self.active:
            click.echo("", err=True)
            self.active = False

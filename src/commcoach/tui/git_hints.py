"""Draft hints from `git log`: your commit subjects since the last working day, as bullets.

No shell: `subprocess.run` with an argument list, a timeout and a clean environment for git's
pager and prompts. Every failure (git missing, not a repository, timeout, no commits) becomes a
one-line `problem` the Draft screen shows, never an exception. No Textual here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

MAX_SUBJECTS = 30
"""More than this is not a stand-up any more; the rest are dropped."""
SCAN_COMMITS = 300
"""How far back in the log to look. `--since` is not used: git stops walking at the first
commit older than the limit, so one rebased or cherry-picked commit hides newer ones."""


@dataclass(frozen=True)
class GitHints:
    """Commit subjects to rewrite, or the reason there are none."""

    since: date
    subjects: list[str] = field(default_factory=list)
    problem: str = ""

    def bullets(self) -> list[str]:
        """Each subject as a Markdown bullet, ready to rewrite in plain words."""
        return [f"- {subject}" for subject in self.subjects]


def last_working_day(today: date) -> date:
    """The previous weekday: Friday for a Monday (and for the weekend), else yesterday."""
    back = {0: 3, 6: 2}.get(today.weekday(), 1)
    return today - timedelta(days=back)


def _run(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    return subprocess.run(  # noqa: S603 - fixed argument list, no shell
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _recent(log: str, start: float) -> list[str]:
    """Subjects of `%at<TAB>%s` lines whose author time is at or after `start`, newest first."""
    subjects: list[str] = []
    for line in log.splitlines():
        stamp, _, subject = line.partition("\t")
        try:
            authored = float(stamp)
        except ValueError:
            continue
        if authored >= start and subject.strip():
            subjects.append(subject.strip())
    return subjects


def git_hints(cwd: Path, today: date, *, timeout: float = 3.0, git: str = "git") -> GitHints:
    """Your commit subjects in `cwd`'s repository since the start of the last working day."""
    since = last_working_day(today)
    executable = shutil.which(git)
    if executable is None:
        return GitHints(since, problem="git is not installed (or not on PATH)")
    try:
        inside = _run([executable, "rev-parse", "--is-inside-work-tree"], cwd, timeout)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return GitHints(since, problem=f"{cwd} is not inside a git repository")
        email = _run([executable, "config", "user.email"], cwd, timeout).stdout.strip()
        args = [
            executable,
            "log",
            "--no-merges",
            "--format=%at%x09%s",
            f"--max-count={SCAN_COMMITS}",
        ]
        if email:
            args.append(f"--author={email}")
        result = _run(args, cwd, timeout)
    except subprocess.TimeoutExpired:
        return GitHints(since, problem=f"git log took longer than {timeout:g} s")
    except OSError as exc:
        return GitHints(since, problem=f"cannot run git: {exc.strerror or exc}")
    if result.returncode != 0:
        first = (result.stderr.strip().splitlines() or ["unknown error"])[0]
        # A repository without commits yet is not an error for the user.
        if "does not have any commits" in first:
            return GitHints(since, problem="this repository has no commits yet")
        return GitHints(since, problem=f"git log failed: {first}")
    start = datetime.combine(since, time.min).astimezone().timestamp()
    subjects = _recent(result.stdout, start)[:MAX_SUBJECTS]
    if not subjects:
        who = f" by {email}" if email else ""
        return GitHints(since, problem=f"no commits{who} since {since:%A %d %B}")
    return GitHints(since, subjects=list(reversed(subjects)))

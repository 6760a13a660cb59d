"""Find a Java runtime and read its major version.

We look on PATH first, then in JAVA_HOME (common on macOS and Windows). `java -version` output
varies a lot (`1.8.0_292`, `17.0.15`, `21`, a leading "Picked up JAVA_TOOL_OPTIONS" line), which
is a known source of "Java is not installed" bugs in other tools (language_tool_python#6, PR#27),
so the parser accepts all of those.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from commcoach.languagetool import MIN_JAVA
from commcoach.languagetool.errors import JavaNotFoundError

_VERSION = re.compile(r'^\S+ version "(?P<a>\d+)(?:\.(?P<b>\d+))?[^"]*"', re.MULTILINE)
_VERSION_LOOSE = re.compile(r"^(?:openjdk|java) (?P<a>\d+)(?:\.(?P<b>\d+))?", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class JavaInfo:
    """A Java runtime that was found and run."""

    path: str
    major: int
    version_line: str
    """The first line of `java -version` that names the version, for status output."""

    @property
    def ok(self) -> bool:
        """True when it is new enough for LanguageTool."""
        return self.major >= MIN_JAVA


def parse_java_version(output: str) -> tuple[int, str] | None:
    """Major version and the matching line from `java -version` output, or None.

    `1.8.0_292` is Java 8; `17.0.15` and `21` are 17 and 21.
    """
    match = _VERSION.search(output) or _VERSION_LOOSE.search(output)
    if match is None:
        return None
    first = int(match.group("a"))
    second = int(match.group("b")) if match.group("b") else 0
    major = second if first == 1 else first
    return major, match.group(0)


def find_java_executable() -> str | None:
    """`java` on PATH, else `$JAVA_HOME/bin/java`, else None."""
    found = shutil.which("java")
    if found:
        return found
    home = os.environ.get("JAVA_HOME")
    if home:
        for name in ("java", "java.exe"):
            candidate = Path(home) / "bin" / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return None


def find_java() -> JavaInfo:
    """The Java runtime to use, or JavaNotFoundError with a one-line reason.

    Raises also when Java is older than 17, because LanguageTool 6.8 will not start on it.
    """
    path = find_java_executable()
    if path is None:
        raise JavaNotFoundError(
            f"Java not found on PATH: install Java {MIN_JAVA} or newer "
            "(e.g. `sudo apt install openjdk-17-jre-headless`) for grammar checks"
        )
    try:
        result = subprocess.run(
            [path, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise JavaNotFoundError(f"{path} -version did not run: {exc}") from None
    parsed = parse_java_version(result.stderr + "\n" + result.stdout)
    if parsed is None:
        raise JavaNotFoundError(f"{path} -version printed no version we understand")
    major, line = parsed
    info = JavaInfo(path=path, major=major, version_line=line)
    if not info.ok:
        raise JavaNotFoundError(
            f"Java {major} at {path} is too old: LanguageTool needs Java {MIN_JAVA} or newer"
        )
    return info

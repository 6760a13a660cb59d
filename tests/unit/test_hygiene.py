"""The headless core never imports textual, and nothing is created at import or --help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEADLESS = [
    "commcoach.models",
    "commcoach.scenarios",
    "commcoach.config",
    "commcoach.conversation",
    "commcoach.feedback.engine",
    "commcoach.cli",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in HEADLESS)
        + "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_and_version_create_no_files(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "COMMCOACH_DATA_DIR": str(tmp_path / "data"),
        "COMMCOACH_CONFIG_FILE": str(tmp_path / "cfg" / "config.toml"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdgc"),
        "XDG_CACHE_HOME": str(tmp_path / "xdgcache"),
    }
    for args in (["--help"], ["--version"], ["scenarios", "--help"], ["check", "--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "commcoach", *args], capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_plain_check_loads_none_of_the_slow_modules() -> None:
    """Issue 13: `commcoach check` is run by editors and hooks. These imports cost 10-630 ms
    each and a check without a scenario needs none of them (NLTK came with textstat's code,
    PyYAML is replaced by the rule cache, `regex` only runs scenario regexes)."""
    code = (
        "import sys\n"
        "from commcoach.cli import main\n"
        "sys.argv = ['commcoach', 'check', '--grammar', 'off', '-']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "slow = ['textual', 'nltk', 'textstat', 'yaml', 'regex', 'pydantic_settings', 'requests']\n"
        "print(' '.join(m for m in slow if m in sys.modules) or 'none', file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run may build the rule and syllable caches (and parse YAML)
        out = subprocess.run(
            [sys.executable, "-c", code],
            input="Hi Sam, I fixed the login test. Could you review it today?",
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
    assert out.stderr.strip().splitlines()[-1] == "none"

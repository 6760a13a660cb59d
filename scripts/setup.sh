#!/usr/bin/env bash
# Set up everything commcoach needs, idempotently: a virtual environment with the package and its
# dev tools, and LanguageTool (from Maven Central, or LanguageTool's own download).
# Used by `make run`, `make test` and CI. Safe to run again: each step skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: commcoach needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(cat pyproject.toml | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  # pip speaks for itself here (one line per package, about 25 s on a first run): a silent
  # pause that long looks like a hang.
  echo "setup: [1/3] upgrading pip in $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  echo "setup: [2/3] installing commcoach and its dependencies into $VENV (one line per package)"
  "$VENV/bin/python" -m pip install --progress-bar off -e '.[dev]' 2>&1 \
    | awk '/^(Collecting|Successfully|ERROR|error)/ { print "setup:   " $0; fflush() }'
  touch "$stamp"
fi
echo "setup: [3/3] checking LanguageTool"
# LanguageTool: a no-op when already installed; without Java it explains and we go on
# (the app works without grammar checks) unless CI needs it.
if ! "$VENV/bin/commcoach" languagetool install; then
  if [ "${CI:-}" = "true" ]; then
    echo "setup: LanguageTool could not be installed, and CI needs it" >&2
    exit 1
  fi
  echo "setup: continuing without LanguageTool (grammar checks off until it is installed)" >&2
fi

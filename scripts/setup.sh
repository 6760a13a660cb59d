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
  echo "setup: installing commcoach and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi
# LanguageTool: a no-op when already installed; without Java it explains and we go on
# (the app works without grammar checks) unless CI needs it.
if ! "$VENV/bin/commcoach" languagetool install; then
  if [ "${CI:-}" = "true" ]; then
    echo "setup: LanguageTool could not be installed, and CI needs it" >&2
    exit 1
  fi
  echo "setup: continuing without LanguageTool (grammar checks off until it is installed)" >&2
fi

"""Errors of the LanguageTool service, each a one-line message the user can act on."""

from __future__ import annotations

from commcoach.errors import CommcoachError


class LanguageToolError(CommcoachError):
    """Base class: something about the local LanguageTool is missing or broken."""


class JavaNotFoundError(LanguageToolError):
    """No `java` on PATH (or in JAVA_HOME), or one that is too old or does not run."""


class NotInstalledError(LanguageToolError):
    """LanguageTool is not installed where commcoach looks for it."""


class InstallError(LanguageToolError):
    """Every download route failed, or the download did not verify."""

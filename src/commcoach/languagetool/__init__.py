"""LanguageTool as a local service that commcoach installs, starts, watches and stops.

- `java`: find a Java runtime and check it is new enough (LanguageTool 6.6+ needs Java 17).
- `install`: fetch the LanguageTool standalone distribution into `paths.languagetool_dir()`.
- `server`: run `org.languagetool.server.HTTPServer` as a child process that never outlives us.

The feedback channel that talks to the server lives in `commcoach.feedback.grammar`.
Nothing here runs at import time.
"""

from __future__ import annotations

LT_VERSION = "6.8"
"""The LanguageTool release we install and run (6.8 fixes 6.6/6.7 memory leaks)."""

MIN_JAVA = 17
"""LanguageTool 6.6 and later need Java 17."""

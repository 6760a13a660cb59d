"""The grammar and spelling channel: LanguageTool behind a never-raising, thread-safe `check()`.

Backends (settings.grammar.backend):
- `local` (default): a LanguageTool server that commcoach starts itself on 127.0.0.1, lazily
  (on the first check, or early via `start()`), and stops on close/exit. Text stays here.
- `remote`: the server at settings.grammar.server_url, e.g. a team's own; text is sent there.
- `public`: https://api.languagetool.org, only when explicitly chosen. **Your text leaves this
  machine** and is subject to its limits (20 requests/min, 20 KB/request, no automated use).
- `off`: nothing is checked; the status says so.

`check()` returns `(findings, status)`. On any server trouble it returns no findings and a
NOT_CHECKED status with a reason (NO_JAVA, NOT_INSTALLED, STARTING, SERVER_DOWN, TIMED_OUT,
BAD_RESPONSE) and one human line; a hanging server costs at most `timeout_seconds`.
Calls are serialised by a lock (the TUI checks from worker threads); `status()`, `start()` and
`close()` never wait for a running check.

Incremental: answers are cached per chunk (paragraph, or sentence of a long paragraph) and per
request settings, so after a one-word edit only that chunk is sent again. Disabled rules are
filtered here rather than sent as `disabledRules`, so toggling a rule keeps the cache valid.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.grammar.chunks import Chunk, MatchCache, make_batches, split_chunks
from commcoach.feedback.grammar.client import CheckFailure, LtClient, LtMatch
from commcoach.feedback.grammar.findings import make_dictionary, to_findings
from commcoach.feedback.report import Finding, GrammarReason, GrammarState, GrammarStatus
from commcoach.languagetool.errors import NotInstalledError
from commcoach.languagetool.install import find_install
from commcoach.languagetool.java import find_java_executable
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState

PUBLIC_URL = "https://api.languagetool.org/"
NO_JAVA_DETAIL = "Java not found on PATH: install Java 17 or newer for grammar checks"
WARM_UP_TEXT = "Yesterday I fix the bug in teh login page. He go to meeting."
"""Sent once after start with the user's settings, so that the first real check is warm."""


class GrammarChecker(Protocol):
    """What the feedback engine and the TUI need from the grammar channel."""

    def check(self, text: str) -> tuple[list[Finding], GrammarStatus]:
        """Findings for `text` and whether LanguageTool looked at it. Never raises."""
        ...

    def status(self) -> GrammarStatus:
        """The channel's current state, without checking anything."""
        ...

    def start(self) -> None:
        """Begin starting the backend in the background (non-blocking)."""
        ...

    def close(self) -> None:
        """Release the backend (stops a local server)."""
        ...


@dataclass(slots=True)
class CheckStats:
    """Counters for tests and benchmarks: what actually went to the server."""

    requests: int = 0
    chunks_sent: int = 0
    chars_sent: int = 0
    chunks_cached: int = 0
    last_sent: tuple[str, ...] = ()
    """Chunk texts sent by the most recent check."""


class OffChecker:
    """backend = off: grammar is not checked, and the status says why."""

    _STATUS = GrammarStatus(
        state=GrammarState.NOT_CHECKED,
        reason=GrammarReason.OFF,
        detail="grammar and spelling checks are off (settings: grammar.backend)",
        backend="off",
    )

    def check(self, text: str) -> tuple[list[Finding], GrammarStatus]:
        """No findings, OFF status."""
        return [], self._STATUS

    def status(self) -> GrammarStatus:
        """Always OFF."""
        return self._STATUS

    def reconfigure(self, settings: Settings) -> None:
        """Nothing to change: grammar is off."""

    def start(self) -> None:
        """Nothing to start."""

    def close(self) -> None:
        """Nothing to stop."""


class LanguageToolChecker:
    """Checks text with LanguageTool: a server we own (`url=None`) or one at `url`."""

    def __init__(
        self,
        settings: Settings,
        *,
        url: str | None = None,
        server_config: ServerConfig | None = None,
        start_wait: float = 120.0,
        batch_chars: int = 40_000,
    ) -> None:
        grammar = settings.grammar
        self.backend = grammar.backend.value
        self.start_wait = start_wait
        """How long check() waits for a starting local server (JVM start + warm-up)."""
        self._variant = grammar.variant.value
        self._picky = grammar.picky
        self._mother = grammar.mother_tongue
        self._timeout = grammar.timeout_seconds
        self._disabled = frozenset(d.strip() for d in grammar.disabled_rules if d.strip())
        self._dictionary = make_dictionary(settings.dictionary.words)
        self._key = f"{self._variant}|{'picky' if self._picky else 'default'}|{self._mother}"
        self._batch_chars = batch_chars
        self._lock = threading.Lock()
        self._meta_lock = threading.Lock()
        self._cache = MatchCache()
        self._client: LtClient | None = None
        self._mother_supported: bool | None = None
        self._timeouts_in_row = 0
        self._closed = False
        self._last: GrammarStatus | None = None
        self.stats = CheckStats()
        self.url = url
        self.server: LanguageToolServer | None = None
        if url is None:
            self.server = LanguageToolServer(server_config, warmup=self._warm_up)

    # --- GrammarChecker ---------------------------------------------------------------------

    def check(
        self, text: str, *, wait_for_start: float | None = None
    ) -> tuple[list[Finding], GrammarStatus]:
        """Findings and status; waits up to `wait_for_start` (default start_wait) for start-up."""
        wait = self.start_wait if wait_for_start is None else wait_for_start
        with self._lock:
            try:
                findings, status = self._check(text, wait)
            except CheckFailure as failure:
                self._after_failure(failure)
                findings, status = [], self._not_checked(failure.reason, failure.detail)
            self._last = status
            return findings, status

    def status(self) -> GrammarStatus:
        """Local: the server's state (or why it cannot start). Remote: the last outcome."""
        if self._closed:
            return self._not_checked(GrammarReason.SERVER_DOWN, "grammar checker was closed")
        if self.server is None:
            if self._last is not None:
                return self._last
            return GrammarStatus(
                state=GrammarState.CHECKED,
                detail=f"LanguageTool at {self.url} (not contacted yet)",
                backend=self.backend,
                server=self.url or "",
            )
        current = self.server.status()
        if current.state is ServerState.READY:
            return GrammarStatus(
                state=GrammarState.CHECKED,
                detail=current.detail,
                backend=self.backend,
                server=current.url,
            )
        if current.state is ServerState.STOPPED:
            return self._preflight()
        return self._not_checked(current.reason or GrammarReason.SERVER_DOWN, current.detail)

    def reconfigure(self, settings: Settings) -> None:
        """New per-request options (variant, picky, mother tongue, disabled rules, dictionary,
        timeout) for the next check, on the same server: no JVM restart (issue 15)."""
        grammar = settings.grammar
        with self._lock:
            self._variant = grammar.variant.value
            self._picky = grammar.picky
            if grammar.mother_tongue != self._mother:
                self._mother_supported = None
            self._mother = grammar.mother_tongue
            self._timeout = grammar.timeout_seconds
            self._disabled = frozenset(d.strip() for d in grammar.disabled_rules if d.strip())
            self._dictionary = make_dictionary(settings.dictionary.words)
            self._key = f"{self._variant}|{'picky' if self._picky else 'default'}|{self._mother}"

    def start(self) -> None:
        """Start the local server in the background; no-op for remote backends."""
        if self.server is not None and not self._closed:
            self.server.start()

    def close(self) -> None:
        """Stop the local server and drop connections. Does not wait for a running check."""
        self._closed = True
        if self.server is not None:
            self.server.stop()
        client = self._client
        if client is not None:
            client.close()

    # --- internals --------------------------------------------------------------------------

    def _check(self, text: str, wait: float) -> tuple[list[Finding], GrammarStatus]:
        chunks = split_chunks(text)
        found: dict[str, tuple[LtMatch, ...]] = {}
        pending: list[str] = []
        for chunk in chunks:
            cached = self._cache.get(self._key, chunk.text)
            if cached is not None:
                found[chunk.text] = cached
            elif chunk.text not in pending:
                pending.append(chunk.text)
        self.stats.chunks_cached += len(chunks) - len(pending)
        self.stats.last_sent = tuple(pending)
        note = ""
        if pending:
            client = self._connect(wait)
            params, note = self._params(client)
            deadline = time.monotonic() + self._timeout
            for batch in make_batches([Chunk(0, t) for t in pending], self._batch_chars):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CheckFailure(
                        GrammarReason.TIMED_OUT,
                        f"grammar check took longer than {self._timeout:g} s",
                    )
                try:
                    matches = client.check(batch.text, params, timeout=remaining)
                except CheckFailure as failure:
                    if failure.reason is GrammarReason.TIMED_OUT:
                        raise CheckFailure(
                            GrammarReason.TIMED_OUT,
                            f"LanguageTool did not answer within {self._timeout:g} s "
                            "(settings: grammar.timeout_seconds)",
                        ) from None
                    raise
                self.stats.requests += 1
                self.stats.chars_sent += len(batch.text)
                self.stats.chunks_sent += len(batch.chunks)
                for chunk, chunk_matches in zip(batch.chunks, batch.split(matches), strict=True):
                    self._cache.put(self._key, chunk.text, chunk_matches)
                    found[chunk.text] = tuple(chunk_matches)
            self._timeouts_in_row = 0
        absolute = [m.shifted(c.start) for c in chunks for m in found.get(c.text, ())]
        findings = to_findings(text, absolute, self._dictionary, self._disabled)
        server = self._client.base_url if self._client is not None else (self.url or "")
        status = GrammarStatus(
            state=GrammarState.CHECKED, detail=note, backend=self.backend, server=server
        )
        return findings, status

    def _connect(self, wait: float) -> LtClient:
        """A client for a ready server, or CheckFailure saying why there is none."""
        if self._closed:
            raise CheckFailure(GrammarReason.SERVER_DOWN, "grammar checker was closed")
        if self.server is None:
            if not self.url:
                raise CheckFailure(
                    GrammarReason.SERVER_DOWN,
                    "grammar.backend is remote but grammar.server_url is empty",
                )
            url = self.url
        else:
            current = self.server.status()
            if current.state is not ServerState.READY:
                self.server.start()
                current = self.server.wait_ready(wait)
            if current.state is not ServerState.READY:
                reason = current.reason or GrammarReason.SERVER_DOWN
                detail = current.detail
                if current.state is ServerState.STARTING:
                    detail = f"LanguageTool is still starting ({detail}); try again shortly"
                raise CheckFailure(reason, detail)
            url = current.url
        if self._client is None or self._client.base_url != url.rstrip("/") + "/":
            if self._client is not None:
                self._client.close()
            self._client = LtClient(url, self._timeout)
        return self._client

    def _params(self, client: LtClient) -> tuple[dict[str, str], str]:
        """Request parameters; motherTongue only when the server has that language."""
        params = {"language": self._variant}
        if self._picky:
            params["level"] = "picky"
        if not self._mother:
            return params, ""
        with self._meta_lock:
            if self._mother_supported is None:
                self._mother_supported = self._mother in client.languages()
            supported = self._mother_supported
        if supported:
            params["motherTongue"] = self._mother
            return params, ""
        return params, (
            f"mother tongue {self._mother!r} is not available on this LanguageTool server; "
            "checked without it"
        )

    def _warm_up(self, url: str) -> None:
        """Build the server's pipeline for our exact settings (runs on the supervisor thread)."""
        config = self.server.config if self.server is not None else ServerConfig()
        client = LtClient(url, config.start_timeout)
        try:
            params, _ = self._params(client)
            client.check(WARM_UP_TEXT, params)
        except CheckFailure:
            pass  # the server is up; the user's first check will simply be slower
        finally:
            client.close()

    def _after_failure(self, failure: CheckFailure) -> None:
        """Two timeouts in a row on our own server: it is probably stuck, so restart it."""
        if failure.reason is not GrammarReason.TIMED_OUT or self.server is None:
            return
        self._timeouts_in_row += 1
        if self._timeouts_in_row >= 2:
            self._timeouts_in_row = 0
            self.server.restart("two checks in a row timed out")

    def _preflight(self) -> GrammarStatus:
        """Before the first start: say now whether Java and LanguageTool are there."""
        if find_java_executable() is None:
            return self._not_checked(GrammarReason.NO_JAVA, NO_JAVA_DETAIL)
        root = self.server.config.root if self.server is not None else None
        try:
            find_install(root)
        except NotInstalledError as exc:
            return self._not_checked(GrammarReason.NOT_INSTALLED, str(exc))
        return self._not_checked(GrammarReason.STARTING, "LanguageTool starts on the first check")

    def _not_checked(self, reason: GrammarReason, detail: str) -> GrammarStatus:
        server = self.url or ""
        if self.server is not None:
            server = self.server.status().url
        return GrammarStatus(
            state=GrammarState.NOT_CHECKED,
            reason=reason,
            detail=detail,
            backend=self.backend,
            server=server,
        )


def make_grammar_checker(settings: Settings, **options: float) -> GrammarChecker:
    """The checker for `settings.grammar.backend`; starts nothing until used or `start()`ed.

    `options` tune a local server for tests and benchmarks (start_timeout, start_wait).
    """
    grammar = settings.grammar
    if grammar.backend is GrammarBackend.OFF:
        return OffChecker()
    if grammar.backend is GrammarBackend.REMOTE:
        return LanguageToolChecker(settings, url=grammar.server_url.strip())
    if grammar.backend is GrammarBackend.PUBLIC:
        return LanguageToolChecker(settings, url=PUBLIC_URL, batch_chars=18_000)
    config = ServerConfig(
        heap_mb=grammar.heap_mb,
        max_check_millis=max(60_000, int(grammar.timeout_seconds * 2000)),
        start_timeout=float(options.get("start_timeout", 60.0)),
    )
    return LanguageToolChecker(
        settings, server_config=config, start_wait=float(options.get("start_wait", 120.0))
    )

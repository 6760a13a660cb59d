"""The grammar and spelling channel: LanguageTool behind a never-raising, thread-safe `check()`.

Backends (settings.grammar.backend):
- `local` (default): the user's one shared LanguageTool server on 127.0.0.1
  (`commcoach.languagetool.shared`), started by the first process that needs it, used by the app
  and every `commcoach check`, stopped by itself after `grammar.idle_minutes` without use.
  Text stays here.
- `remote`: the server at settings.grammar.server_url, e.g. a team's own; text is sent there.
- `public`: https://api.languagetool.org, only when explicitly chosen. **Your text leaves this
  machine** and is subject to its limits (20 requests/min, 20 KB/request, no automated use).
- `off`: nothing is checked; the status says so.

`check()` returns `(findings, status)`. On any server trouble it returns no findings and a
NOT_CHECKED status with a reason (NO_JAVA, NOT_INSTALLED, STARTING, SERVER_DOWN, TIMED_OUT,
BAD_RESPONSE) and one human line. Time is bounded by a budget that grows with the text
(chunks.check_budget: `timeout_seconds` for a message, more for a long document); when it runs
out part-way, the findings of what was checked are kept with a PARTIAL status,
"partially checked (N of M paragraphs)", and the reason.
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

from commcoach.config import GrammarBackend, Settings
from commcoach.feedback.grammar.base import GrammarChecker, OffChecker, Progress
from commcoach.feedback.grammar.chunks import (
    BATCH_CHARS,
    Chunk,
    MatchCache,
    check_budget,
    make_batches,
    paragraphs_done,
    request_timeout,
    split_chunks,
)
from commcoach.feedback.grammar.client import MAX_MATCHES, CheckFailure, LtClient, LtMatch
from commcoach.feedback.grammar.findings import make_dictionary, to_findings
from commcoach.feedback.grammar.vocabulary import VocabularyStore, default_store
from commcoach.feedback.report import Finding, GrammarReason, GrammarState, GrammarStatus
from commcoach.languagetool.errors import NotInstalledError
from commcoach.languagetool.install import find_install
from commcoach.languagetool.java import find_java_executable
from commcoach.languagetool.server import LanguageToolServer, ServerConfig, ServerState
from commcoach.languagetool.shared import SharedServer

PUBLIC_URL = "https://api.languagetool.org/"
NO_JAVA_DETAIL = "Java not found on PATH: install Java 17 or newer for grammar checks"
WARM_UP_TEXT = "Yesterday I fix the bug in teh login page. He go to meeting."
"""Sent once after start with the user's settings, so that the first real check is warm."""
MAX_MATCHES_TOTAL = 5000
"""Matches kept for one text, however long: beyond this a report is noise, not feedback."""


@dataclass(slots=True)
class CheckStats:
    """Counters for tests and benchmarks: what actually went to the server."""

    requests: int = 0
    chunks_sent: int = 0
    chars_sent: int = 0
    chunks_cached: int = 0
    last_sent: tuple[str, ...] = ()
    """Chunk texts sent by the most recent check."""


class LanguageToolChecker:
    """Checks text with LanguageTool: the shared server (`server`), one we own (`server_config`,
    benchmarks), or the one at `url`."""

    def __init__(
        self,
        settings: Settings,
        *,
        url: str | None = None,
        server: SharedServer | None = None,
        server_config: ServerConfig | None = None,
        start_wait: float = 120.0,
        batch_chars: int = BATCH_CHARS,
        vocabulary: VocabularyStore | None = None,
    ) -> None:
        grammar = settings.grammar
        self.backend = grammar.backend.value
        self.start_wait = start_wait
        """How long check() waits for a starting local server (JVM start + warm-up)."""
        self._apply_options(settings)
        self.vocabulary = vocabulary or default_store()
        """Words the user added with one key, and the Draft's repository names."""
        self._batch_chars = batch_chars
        self._lock = threading.Lock()
        self._cache = MatchCache()
        self._client: LtClient | None = None
        self._timeouts_in_row = 0
        self._closed = False
        self._last: GrammarStatus | None = None
        self.stats = CheckStats()
        self.url = url
        self.server: LanguageToolServer | SharedServer | None = server
        if url is None and server is None:
            self.server = LanguageToolServer(server_config, warmup=self._warm_up)

    # --- GrammarChecker ---------------------------------------------------------------------

    def check(
        self,
        text: str,
        *,
        wait_for_start: float | None = None,
        progress: Progress | None = None,
    ) -> tuple[list[Finding], GrammarStatus]:
        """Findings and status; waits up to `wait_for_start` (default start_wait) for start-up."""
        wait = self.start_wait if wait_for_start is None else wait_for_start
        with self._lock:
            try:
                findings, status = self._check(text, wait, progress)
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
        """New per-request options (variant, picky, strict variant, disabled rules, dictionary,
        timeout) for the next check, on the same server: no JVM restart (issue 15)."""
        with self._lock:
            self._apply_options(settings)

    def _apply_options(self, settings: Settings) -> None:
        """The per-request options, read from settings (at start and on reconfigure)."""
        grammar = settings.grammar
        self._variant = grammar.variant.value
        self._picky = grammar.picky
        self._strict_variant = grammar.strict_variant
        self._timeout = grammar.timeout_seconds
        self._disabled = frozenset(d.strip() for d in grammar.disabled_rules if d.strip())
        self._dictionary = make_dictionary(settings.dictionary.words)
        self._key = f"{self._variant}|{'picky' if self._picky else 'default'}"

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

    def _check(
        self, text: str, wait: float, progress: Progress | None
    ) -> tuple[list[Finding], GrammarStatus]:
        chunks = split_chunks(text)
        found: dict[str, tuple[LtMatch, ...]] = {}
        pending: list[Chunk] = []
        seen: set[str] = set()
        for chunk in chunks:
            cached = self._cache.get(self._key, chunk.text)
            if cached is not None:
                found[chunk.text] = cached
            elif chunk.text not in seen:
                seen.add(chunk.text)
                pending.append(chunk)
        self.stats.chunks_cached += len(chunks) - len(pending)
        self.stats.last_sent = tuple(c.text for c in pending)
        notes: list[str] = []
        failure: CheckFailure | None = None
        if pending:
            client = self._connect(wait)
            params, note = self._params(client)
            notes.append(note)
            failure = self._send(client, params, pending, found, progress, notes)
        done = {i for i, c in enumerate(chunks) if c.text in found}
        if failure is not None and not done:
            raise failure
        absolute = [m.shifted(c.start) for c in chunks for m in found.get(c.text, ())]
        if len(absolute) > MAX_MATCHES_TOTAL:
            absolute = absolute[:MAX_MATCHES_TOTAL]
            notes.append(f"only the first {MAX_MATCHES_TOTAL} LanguageTool matches are shown")
        findings = to_findings(
            text,
            absolute,
            self._dictionary | self.vocabulary.words(),
            self._disabled,
            strict_variant=self._strict_variant,
            picky=self._picky,
        )
        server = self._client.base_url if self._client is not None else (self.url or "")
        detail = "; ".join(n for n in notes if n)
        if failure is None:
            status = GrammarStatus(
                state=GrammarState.CHECKED, detail=detail, backend=self.backend, server=server
            )
            return findings, status
        self._after_failure(failure)
        checked, total = paragraphs_done(chunks, done)
        partial = f"partially checked ({checked} of {total} paragraphs): {failure.detail}"
        return findings, GrammarStatus(
            state=GrammarState.PARTIAL,
            reason=failure.reason,
            detail="; ".join([partial, *(n for n in notes if n)]),
            backend=self.backend,
            server=server,
        )

    def _send(
        self,
        client: LtClient,
        params: dict[str, str],
        pending: list[Chunk],
        found: dict[str, tuple[LtMatch, ...]],
        progress: Progress | None,
        notes: list[str],
    ) -> CheckFailure | None:
        """Check `pending` in batches within the total budget; the failure that stopped it."""
        total = sum(len(c.text) for c in pending)
        budget = check_budget(total, self._timeout)
        deadline = time.monotonic() + budget
        done = 0
        for batch in make_batches(pending, self._batch_chars):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return CheckFailure(
                    GrammarReason.TIMED_OUT,
                    f"the grammar check took longer than {budget:.0f} s "
                    "(settings: grammar.timeout_seconds)",
                )
            self._touch()
            try:
                matches = client.check(
                    batch.text,
                    params,
                    timeout=min(remaining, request_timeout(len(batch.text), self._timeout)),
                )
            except CheckFailure as failure:
                if failure.reason is GrammarReason.TIMED_OUT:
                    return CheckFailure(
                        GrammarReason.TIMED_OUT,
                        f"LanguageTool did not answer within {budget:.0f} s "
                        "(settings: grammar.timeout_seconds)",
                    )
                return failure
            if client.truncated:
                notes.append(f"LanguageTool sent more than {MAX_MATCHES} matches for one part")
            self.stats.requests += 1
            self.stats.chars_sent += len(batch.text)
            self.stats.chunks_sent += len(batch.chunks)
            for chunk, chunk_matches in zip(batch.chunks, batch.split(matches), strict=True):
                self._cache.put(self._key, chunk.text, chunk_matches)
                found[chunk.text] = tuple(chunk_matches)
            done += sum(len(c.text) for c in batch.chunks)
            if progress is not None:
                progress(done, total)
        self._touch()
        self._timeouts_in_row = 0
        return None

    def _touch(self) -> None:
        """Tell the shared server it is in use (its idle timer counts from the last touch)."""
        if isinstance(self.server, SharedServer):
            self.server.touch()

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
            stale = (
                current.state is ServerState.READY
                and isinstance(self.server, SharedServer)
                and not self.server.verify(current.url)
            )
            if stale or current.state is not ServerState.READY:
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
        """Request parameters (no motherTongue: LanguageTool 6.8 finds no false friends with
        it, measured in benchmarks/learner_rules.py, and a new one costs a new pipeline)."""
        params = {"language": self._variant}
        if self._picky:
            params["level"] = "picky"
        return params, ""

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
    warmup = {"language": grammar.variant.value}
    if grammar.picky:
        warmup["level"] = "picky"
    shared = SharedServer(config, idle_seconds=grammar.idle_minutes * 60, warmup=warmup)
    return LanguageToolChecker(
        settings, server=shared, start_wait=float(options.get("start_wait", 120.0))
    )

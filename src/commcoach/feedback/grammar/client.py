"""A small HTTP client for LanguageTool's `/v2/check` and `/v2/languages`.

Why plain `requests` and not language-tool-python's remote mode (3.4.0):
- its Match offsets live in class attributes shared by all threads, so two checks at once
  corrupt each other's positions, and it converts only `offset`, not `length` (emoji drift);
- with a mother tongue set, every check makes two extra GET /v2/languages requests;
- its timeout is 300 s, and a local instance kills, restarts and retries on any IO error;
- it raises a dozen unrelated exception types. Here every failure becomes one `CheckFailure`
  carrying a `GrammarReason` and a one-line detail, so `check()` never raises.

Bounded, whatever the server does: `timeout` is a deadline for the whole request and answers
are size-capped (transport.py); at most `MAX_MATCHES` matches per answer are parsed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from commcoach.bounded_json import parse_json_bounded
from commcoach.feedback.grammar.errors import CheckFailure
from commcoach.feedback.grammar.line_breaks import annotated
from commcoach.feedback.grammar.offsets import Utf16Index
from commcoach.feedback.grammar.transport import MAX_RESPONSE_BYTES, make_transport
from commcoach.feedback.report import GrammarReason


@dataclass(frozen=True, slots=True)
class LtMatch:
    """One LanguageTool match, with Python indices into the text that was sent."""

    start: int
    end: int
    rule_id: str
    category_id: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]
    sentence: str
    unknown_word: bool
    """LanguageTool's `type.typeName == "UnknownWord"`: a speller hit on one word."""

    def shifted(self, delta: int) -> LtMatch:
        """The same match moved by `delta` characters."""
        return LtMatch(
            self.start + delta,
            self.end + delta,
            self.rule_id,
            self.category_id,
            self.issue_type,
            self.message,
            self.replacements,
            self.sentence,
            self.unknown_word,
        )


__all__ = ["MAX_MATCHES", "MAX_RESPONSE_BYTES", "CheckFailure", "LtClient", "LtMatch"]

MAX_ANSWER_BYTES = 16 * 1024 * 1024
"""A LanguageTool answer for our longest text is well under 1 MB."""
MAX_ANSWER_DEPTH = 16
"""LanguageTool's /v2/check answer nests 5 deep (matches, rule, category, ...)."""
MAX_REPLACEMENTS = 5
"""LanguageTool can return 40 suggestions for one typo; learners need the first few."""
MAX_MATCHES = 1000
"""Matches parsed per answer: more than one per 10 characters is noise, not feedback."""


class LtClient:
    """Talks to one LanguageTool server. Not thread-safe: the checker serialises calls."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = timeout
        self._transport = make_transport(self.base_url)
        self.truncated = False
        """True when the last check's answer had more than MAX_MATCHES matches."""

    def close(self) -> None:
        """Drop the keep-alive connection."""
        self._transport.close()

    def languages(self) -> set[str]:
        """Language codes the server knows, short and long (`de`, `de-DE`)."""
        payload = self._request("GET", "v2/languages", None, self.timeout)
        if not isinstance(payload, list):
            raise CheckFailure(GrammarReason.BAD_RESPONSE, "/v2/languages did not return a list")
        codes: set[str] = set()
        for item in payload:
            if isinstance(item, dict):
                codes.update(str(item.get(key, "")).lower() for key in ("code", "longCode"))
        codes.discard("")
        return codes

    def check(
        self, text: str, params: dict[str, str], timeout: float | None = None
    ) -> list[LtMatch]:
        """Matches for `text`, with spans converted from UTF-16 to Python indices."""
        data = annotated(text)
        body = {**params, "text": text} if data is None else {**params, "data": data}
        payload = self._request("POST", "v2/check", body, timeout)
        if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
            raise CheckFailure(GrammarReason.BAD_RESPONSE, "/v2/check answer has no match list")
        raw_matches = payload["matches"]
        self.truncated = len(raw_matches) > MAX_MATCHES
        index = Utf16Index(text)
        try:
            parsed = [_parse_match(raw, index, text) for raw in raw_matches[:MAX_MATCHES]]
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckFailure(
                GrammarReason.BAD_RESPONSE, f"/v2/check answer is malformed ({exc!r})"
            ) from None
        return [m for m in parsed if m.start < m.end]  # outside the text: a broken answer

    def _request(
        self, method: str, path: str, data: dict[str, str] | None, timeout: float | None
    ) -> Any:
        url = self.base_url + path
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        status, body = self._transport.request(method, path, data, limit)
        if status != 200:
            raise _http_failure(url, status, body, time.monotonic() - started)
        try:
            return parse_json_bounded(body, MAX_ANSWER_DEPTH, MAX_ANSWER_BYTES)
        except ValueError:
            raise CheckFailure(GrammarReason.BAD_RESPONSE, f"{url} did not return JSON") from None


def _parse_match(raw: dict[str, Any], index: Utf16Index, text: str) -> LtMatch:
    start, end = index.span(int(raw["offset"]), int(raw["length"]))
    rule = raw["rule"]
    category = rule.get("category") or {}
    sentence = raw.get("sentence")
    return LtMatch(
        start=start,
        end=end,
        rule_id=str(rule["id"]),
        category_id=str(category.get("id", "")),
        issue_type=str(rule.get("issueType", "")),
        message=" ".join(str(raw.get("message", "")).split()),
        replacements=tuple(
            str(r["value"]) for r in raw.get("replacements", [])[:MAX_REPLACEMENTS] if "value" in r
        ),
        sentence=str(sentence) if isinstance(sentence, str) else "",
        unknown_word=(raw.get("type") or {}).get("typeName") == "UnknownWord",
    )


def _http_failure(url: str, code: int, raw: bytes, elapsed: float) -> CheckFailure:
    body = " ".join(raw[:4096].decode("utf-8", errors="replace").split())[:200]
    if "took longer than allowed" in body or ("timeout" in body.lower() and code >= 500):
        return CheckFailure(GrammarReason.TIMED_OUT, f"LanguageTool gave up after {elapsed:.0f} s")
    if code == 413:
        return CheckFailure(GrammarReason.BAD_RESPONSE, "text too long for the LanguageTool server")
    if code in (426, 429):
        return CheckFailure(
            GrammarReason.SERVER_DOWN, f"{url}: rate limit reached (HTTP {code}); try again later"
        )
    if code == 503:
        return CheckFailure(GrammarReason.SERVER_DOWN, f"{url}: server busy (HTTP 503)")
    return CheckFailure(GrammarReason.BAD_RESPONSE, f"{url}: HTTP {code}: {body}")

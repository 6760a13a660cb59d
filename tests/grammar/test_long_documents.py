"""Long documents and hostile servers: the time bound holds, answers are capped, and what was
checked before the time ran out is kept ("partially checked (N of M paragraphs)").

Fault injection with fake HTTP servers on 127.0.0.1 (a real LanguageTool cannot be made to drip
one byte a second or to answer 400,000 matches); the real server is in test_grammar_real.py and
benchmarks/long_document_bench.py.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from commcoach.config import GrammarBackend, GrammarSettings, Settings
from commcoach.feedback.grammar import LanguageToolChecker
from commcoach.feedback.grammar.chunks import check_budget, paragraphs_done, split_chunks
from commcoach.feedback.grammar.client import MAX_MATCHES, MAX_RESPONSE_BYTES
from commcoach.feedback.report import GrammarReason, GrammarState

Handler = Callable[[int, socket.socket], None]
"""handler(request number, connection): writes the answer (or does not)."""


def read_request(conn: socket.socket) -> bytes:
    """Headers plus a Content-Length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        part = conn.recv(65536)
        if not part:
            return data
        data += part
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    while len(body) < length:
        part = conn.recv(65536)
        if not part:
            break
        body += part
    return head + b"\r\n\r\n" + body


class FakeHTTP:
    """Accepts connections and hands each request to `handler` on its own thread."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.requests = 0
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            while not self.stop.is_set():
                if not read_request(conn):
                    return
                self.requests += 1
                try:
                    self.handler(self.requests, conn)
                except OSError:
                    return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def answer(matches: list[dict[str, object]]) -> bytes:
    body = json.dumps({"matches": matches}).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


def match(offset: int = 0, length: int = 4) -> dict[str, object]:
    return {
        "offset": offset,
        "length": length,
        "message": "Possible agreement error.",
        "replacements": [{"value": "goes"}],
        "rule": {"id": "FAKE_AGREEMENT", "issueType": "grammar", "category": {"id": "GRAMMAR"}},
    }


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], FakeHTTP]]:
    servers: list[FakeHTTP] = []

    def start(handler: Handler) -> FakeHTTP:
        servers.append(FakeHTTP(handler))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def checker_for(url: str, timeout: float = 1.0, batch_chars: int = 10_000) -> LanguageToolChecker:
    settings = Settings(
        grammar=GrammarSettings(
            backend=GrammarBackend.REMOTE, server_url=url, timeout_seconds=timeout
        )
    )
    return LanguageToolChecker(settings, url=url, batch_chars=batch_chars)


def test_a_server_sending_one_byte_a_second_cannot_outlast_the_budget(
    serve: Callable[[Handler], FakeHTTP],
) -> None:
    def drip(_n: int, conn: socket.socket) -> None:
        for byte in answer([match()]):
            conn.sendall(bytes([byte]))
            time.sleep(1.0)

    server = serve(drip)
    checker = checker_for(server.url, timeout=1.0)
    text = "He go to the office every day."
    started = time.monotonic()
    findings, status = checker.check(text)
    elapsed = time.monotonic() - started
    checker.close()
    assert findings == [] and status.reason is GrammarReason.TIMED_OUT
    assert elapsed < check_budget(len(text), 1.0) + 1.5, elapsed


def test_400000_matches_are_refused_quickly_and_bounded(
    serve: Callable[[Handler], FakeHTTP],
) -> None:
    one = json.dumps(match()).encode()
    body = b'{"matches":[' + b",".join([one] * 400_000) + b"]}"
    assert len(body) > MAX_RESPONSE_BYTES
    reply = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    server = serve(lambda _n, conn: conn.sendall(reply))
    checker = checker_for(server.url, timeout=5.0)
    started = time.monotonic()
    findings, status = checker.check("He go to the office every day.")
    checker.close()
    assert findings == [] and status.reason is GrammarReason.BAD_RESPONSE
    assert "MB" in status.detail and time.monotonic() - started < 5


def test_too_many_matches_under_the_size_cap_are_capped(
    serve: Callable[[Handler], FakeHTTP],
) -> None:
    text = " ".join(f"He go home {i:04}." for i in range(400))  # 6,799 characters
    matches = [match(i * 4, 2) for i in range(1500)]
    server = serve(lambda _n, conn: conn.sendall(answer(matches)))
    checker = checker_for(server.url, timeout=5.0)
    findings, status = checker.check(text)
    checker.close()
    assert status.state is GrammarState.CHECKED
    assert 0 < len(findings) <= MAX_MATCHES
    assert f"more than {MAX_MATCHES} matches" in status.detail


def test_a_long_document_keeps_what_was_checked_when_the_server_stops_answering(
    serve: Callable[[Handler], FakeHTTP],
) -> None:
    paragraphs = [f"Paragraph {i}: he go to the office and check the build." * 8 for i in range(12)]
    text = "\n\n".join(paragraphs)

    def first_batch_only(n: int, conn: socket.socket) -> None:
        if n == 1:
            conn.sendall(answer([match(text.index(" go ") + 1, 2)]))  # in the first paragraph
        else:
            time.sleep(30)  # hang: the checker must give up at its deadline

    server = serve(first_batch_only)
    checker = checker_for(server.url, timeout=1.0, batch_chars=2000)
    started = time.monotonic()
    findings, status = checker.check(text)
    elapsed = time.monotonic() - started
    checker.close()
    checked_paragraphs = 2000 // (len(paragraphs[0]) + 2)
    assert status.state is GrammarState.PARTIAL and status.reason is GrammarReason.TIMED_OUT
    assert f"partially checked ({checked_paragraphs} of 12 paragraphs)" in status.detail
    assert [text[f.start : f.end] for f in findings] == ["go"]
    assert elapsed < check_budget(len(text), 1.0) + 1.5
    assert server.requests == 2, "no request after the one that timed out"


def test_budget_grows_with_length_and_is_capped() -> None:
    assert check_budget(300, 10.0) == pytest.approx(10.3)
    assert check_budget(70_000, 10.0) == pytest.approx(80.0)
    assert check_budget(10**9, 10.0) == 600.0


def test_paragraph_count_covers_split_long_paragraphs() -> None:
    long = "This sentence is long enough to matter here. " * 30
    chunks = split_chunks(f"Short one.\n\n{long}\n\nLast one.")
    assert len({c.paragraph for c in chunks}) == 3 and len(chunks) > 3
    all_but_one_sentence = set(range(len(chunks))) - {2}
    assert paragraphs_done(chunks, all_but_one_sentence) == (2, 3)

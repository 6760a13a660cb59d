"""Issue 14, case 2 (server side) and the server-answer bound: a remote LanguageTool is a network
peer. A hostile one (a fake, for fault injection) answers with escape sequences and markup in
its rule messages, or with JSON nested 100,000 deep; `check` stays one-line and inert."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from commcoach.cli import cli

ESCAPES = "\x1b]52;c;UFdORUQ=\x07\x1b]0;PWNED\x07\x1b[2J\x9b2J"


def evil_answer(text: str) -> bytes:
    match = {
        "message": f"Possible error{ESCAPES} [@click=app.quit]\nsecond line",
        "shortMessage": "",
        "offset": 0,
        "length": len(text.split()[0]),
        "replacements": [{"value": f"{ESCAPES}fix"}],
        "rule": {
            "id": f"EVIL_RULE{ESCAPES}",
            "description": f"evil{ESCAPES}",
            "issueType": "grammar",
            "category": {"id": "GRAMMAR", "name": f"Grammar{ESCAPES}"},
        },
        "sentence": text,
        "type": {"typeName": "Other"},
    }
    return json.dumps({"software": {"name": "LanguageTool"}, "matches": [match]}).encode()


class _Hostile(http.server.BaseHTTPRequestHandler):
    body: bytes = b"{}"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = _answer  # noqa: N815 - the http.server API
    do_POST = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hostile_server(request: pytest.FixtureRequest) -> Iterator[str]:
    handler = type("Handler", (_Hostile,), {"body": request.param})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


ANSWER = "Yesterday I fixed the login test."


def check_remote(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("COMMCOACH_GRAMMAR__SERVER_URL", url)
    monkeypatch.setenv("COMMCOACH_GRAMMAR__TIMEOUT_SECONDS", "5")
    result = CliRunner().invoke(cli, ["check", "--grammar", "remote", "-"], input=ANSWER)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("hostile_server", [evil_answer(ANSWER)], indirect=True)
def test_rule_messages_from_a_server_print_no_control_characters(
    hostile_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = check_remote(hostile_server, monkeypatch)
    assert code in (0, 1), err
    (line,) = [x for x in out.splitlines() if "Possible error" in x]  # still one line
    assert "␛]52;c;UFdORUQ=␇" in line and "[@click=app.quit]" in line
    for char in ("\x1b", "\x07", "\x9b"):
        assert char not in out + err


DEEP = b'{"matches": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


@pytest.mark.parametrize("hostile_server", [DEEP, b'{"matches": [], "x": NaN}'], indirect=True)
def test_unbounded_answers_are_a_bad_response_not_a_crash(
    hostile_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = check_remote(hostile_server, monkeypatch)
    assert code in (0, 1), err
    assert "Traceback" not in out + err
    assert "-- grammar: not checked" in out and "did not return JSON" in out

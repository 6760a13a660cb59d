"""HTTP for the LanguageTool client, with a deadline for the whole request and capped answers.

`timeout` here is a deadline for the whole request (connect, headers, body), not per socket
read: a timer shuts the request's socket down when it passes, so a server that sends one byte a
second cannot hold us longer. Bodies are read in pieces and refused beyond MAX_RESPONSE_BYTES.

Two transports, one behaviour:
- `LoopbackTransport` (our own server on 127.0.0.1): the standard library's http.client. No
  proxy can ever see the traffic, and a `commcoach check` in an editor or a git hook does not
  pay for importing requests (about a third of a short check's start-up).
- `RequestsTransport` (remote and public servers): requests, for proxies and TLS, imported only
  then; its connections register their sockets so that the deadline timer can reach them.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import weakref
from collections.abc import Iterator
from functools import cache
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from commcoach.feedback.grammar.errors import CheckFailure
from commcoach.feedback.report import GrammarReason

MAX_RESPONSE_BYTES = 8 * 2**20
"""A legitimate answer for one request (<= 10,000 characters) is well under 1 MB."""
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
READ_SIZE = 64 * 1024


class Transport(Protocol):
    """Sends one request; returns (status, body) or raises CheckFailure."""

    def request(
        self, method: str, path: str, data: dict[str, str] | None, limit: float
    ) -> tuple[int, bytes]:
        """`path` is relative to the base URL; `limit` bounds the whole exchange (seconds)."""
        ...

    def close(self) -> None:
        """Drop the keep-alive connection."""
        ...


def is_loopback(url: str) -> bool:
    """True for http://127.0.0.1:..., http://localhost:... and http://[::1]:..."""
    parts = urlsplit(url)
    return parts.scheme == "http" and (parts.hostname or "").lower() in LOOPBACK_HOSTS


def make_transport(base_url: str) -> Transport:
    """The stdlib transport for our own loopback server, requests for everything else."""
    if is_loopback(base_url):
        return LoopbackTransport(base_url)
    return RequestsTransport(base_url)


class _Deadline:
    """Shuts down registered sockets when `limit` seconds have passed."""

    def __init__(self, sockets: weakref.WeakSet[socket.socket], limit: float) -> None:
        self.expired = threading.Event()
        self._sockets = sockets
        self._timer = threading.Timer(max(0.0, limit), self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self.expired.set()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _too_big(where: str, size: int | None = None) -> CheckFailure:
    limit = MAX_RESPONSE_BYTES // 2**20
    if size is not None:
        return CheckFailure(
            GrammarReason.BAD_RESPONSE,
            f"{where}: answer of {size // 2**20} MB refused (limit {limit} MB)",
        )
    return CheckFailure(
        GrammarReason.BAD_RESPONSE, f"{where}: answer larger than {limit} MB refused"
    )


def _collect(parts: Iterator[bytes], declared: str, where: str) -> bytes:
    """Join body pieces, refusing a declared or actual size beyond MAX_RESPONSE_BYTES."""
    if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
        raise _too_big(where, int(declared))
    chunks: list[bytes] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_RESPONSE_BYTES:
            raise _too_big(where)
        chunks.append(part)
    return b"".join(chunks)


def _timed_out(base_url: str, limit: float) -> CheckFailure:
    return CheckFailure(
        GrammarReason.TIMED_OUT, f"no full answer from {base_url} within {limit:g} s"
    )


class LoopbackTransport:
    """http.client to 127.0.0.1 (never through a proxy), one keep-alive connection."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._prefix = parts.path if parts.path.endswith("/") else parts.path + "/"
        self._conn: http.client.HTTPConnection | None = None
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()

    def request(
        self, method: str, path: str, data: dict[str, str] | None, limit: float
    ) -> tuple[int, bytes]:
        """One exchange within `limit` seconds (a fresh connection if the old one broke)."""
        body = urlencode(data).encode() if data is not None else None
        headers = {"User-Agent": "commcoach", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with _Deadline(self._sockets, limit) as deadline:
            for attempt in (1, 2):
                reused = self._conn is not None
                try:
                    return self._exchange(method, path, body, headers, limit)
                except CheckFailure:
                    self.close()
                    raise
                except ConnectionRefusedError:
                    self.close()
                    raise CheckFailure(
                        GrammarReason.SERVER_DOWN, f"cannot connect to {self.base_url}"
                    ) from None
                except (OSError, http.client.HTTPException) as exc:
                    self.close()
                    if deadline.expired.is_set() or isinstance(exc, TimeoutError):
                        raise _timed_out(self.base_url, limit) from None
                    if reused and attempt == 1:
                        continue  # the server closed an idle keep-alive connection: reconnect
                    garbage = http.client.BadStatusLine | http.client.LineTooLong
                    if isinstance(exc, garbage) and not isinstance(
                        exc, http.client.RemoteDisconnected
                    ):
                        raise CheckFailure(
                            GrammarReason.BAD_RESPONSE, f"{self.base_url} did not answer in HTTP"
                        ) from None
                    raise CheckFailure(
                        GrammarReason.SERVER_DOWN, f"cannot connect to {self.base_url}"
                    ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _exchange(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str], limit: float
    ) -> tuple[int, bytes]:
        conn = self._connection(min(5.0, limit))
        assert conn.sock is not None
        conn.sock.settimeout(limit)  # per read; the deadline bounds the whole exchange
        conn.request(method, self._prefix + path, body=body, headers=headers)
        response = conn.getresponse()
        result = _collect(
            iter(lambda: response.read(READ_SIZE), b""),
            response.getheader("Content-Length") or "",
            self.base_url + path,
        )
        if response.will_close:
            self.close()
        return response.status, result

    def _connection(self, connect_timeout: float) -> http.client.HTTPConnection:
        if self._conn is None or self._conn.sock is None:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=connect_timeout)
            conn.connect()
            assert conn.sock is not None
            self._sockets.add(conn.sock)
            self._conn = conn
        return self._conn

    def close(self) -> None:
        """Drop the keep-alive connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class RequestsTransport:
    """requests (proxies, TLS) for remote and public servers."""

    def __init__(self, base_url: str) -> None:
        import requests

        self.base_url = base_url
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "commcoach"
        adapter = _tracked_adapter_class()()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def request(
        self, method: str, path: str, data: dict[str, str] | None, limit: float
    ) -> tuple[int, bytes]:
        """One exchange within `limit` seconds."""
        import requests
        import urllib3

        url = self.base_url + path
        with _Deadline(self._sockets, limit) as deadline:
            _tracking.sockets = self._sockets
            try:
                response = self._session.request(
                    method, url, data=data, timeout=(min(5.0, limit), limit), stream=True
                )
                try:
                    body = _collect(
                        response.iter_content(READ_SIZE),
                        response.headers.get("Content-Length", ""),
                        url,
                    )
                finally:
                    response.close()
            except CheckFailure:
                raise
            except requests.ConnectTimeout:
                raise CheckFailure(
                    GrammarReason.SERVER_DOWN, f"cannot connect to {self.base_url}"
                ) from None
            except requests.Timeout:
                raise CheckFailure(
                    GrammarReason.TIMED_OUT, f"no answer from {self.base_url} within {limit:g} s"
                ) from None
            except requests.ConnectionError as exc:
                if deadline.expired.is_set():
                    raise _timed_out(self.base_url, limit) from None
                if _is_protocol_garbage(exc):
                    raise CheckFailure(
                        GrammarReason.BAD_RESPONSE, f"{self.base_url} did not answer in HTTP"
                    ) from None
                raise CheckFailure(
                    GrammarReason.SERVER_DOWN, f"cannot connect to {self.base_url}"
                ) from None
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                if deadline.expired.is_set():
                    raise _timed_out(self.base_url, limit) from None
                raise CheckFailure(
                    GrammarReason.BAD_RESPONSE, f"{url}: {type(exc).__name__}"
                ) from None
            finally:
                _tracking.sockets = None
        if deadline.expired.is_set():
            raise _timed_out(self.base_url, limit)
        return response.status_code, body

    def close(self) -> None:
        """Drop the keep-alive connections."""
        self._session.close()


_tracking = threading.local()
"""`_tracking.sockets`: where connections opened by the current request register their socket."""


@cache
def _tracked_adapter_class() -> type[Any]:
    """An HTTPAdapter whose pools open connections that register their socket (built lazily:
    urllib3 and requests are imported only for remote servers)."""
    import urllib3.connection
    import urllib3.connectionpool
    from requests.adapters import HTTPAdapter

    def track(sock: socket.socket) -> socket.socket:
        sockets = getattr(_tracking, "sockets", None)
        if sockets is not None:
            sockets.add(sock)
        return sock

    class TrackedHTTPConnection(urllib3.connection.HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return track(super()._new_conn())

    class TrackedHTTPSConnection(urllib3.connection.HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return track(super()._new_conn())

    class TrackedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
        ConnectionCls = TrackedHTTPConnection

    class TrackedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
        ConnectionCls = TrackedHTTPSConnection

    class TrackedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {
                "http": TrackedHTTPPool,
                "https": TrackedHTTPSPool,
            }

    return TrackedAdapter


def _is_protocol_garbage(exc: BaseException) -> bool:
    """True when the peer answered, but not in HTTP (BadStatusLine and friends)."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if "BadStatusLine" in repr(seen) or "LineTooLong" in repr(seen):
            return True
        args = getattr(seen, "args", ())
        nested = next((a for a in args if isinstance(a, BaseException)), None)
        seen = nested or seen.__cause__ or seen.__context__
    return False

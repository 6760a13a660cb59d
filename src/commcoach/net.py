"""HTTP sessions: a local server is reached directly, never through a proxy.

`requests` reads HTTP_PROXY / HTTPS_PROXY / ALL_PROXY from the environment (`trust_env`), and
only NO_PROXY exempts hosts. On a machine with a proxy set and no NO_PROXY, the health checks of
our own LanguageTool on 127.0.0.1 went to the proxy, and the local server "did not become ready
within 60 s". It also sent the learner's text to the proxy. `session_for(url)` gives a session
that ignores the environment for loopback addresses and keeps it for remote servers (a team
server behind a corporate proxy still works).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import requests

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_local(url: str) -> bool:
    """True when `url` points at this machine (localhost, 127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def local_session() -> requests.Session:
    """A session that ignores proxy settings (and .netrc): for servers on this machine."""
    session = requests.Session()
    session.trust_env = False
    return session


def session_for(url: str) -> requests.Session:
    """`local_session()` for a loopback `url`, else a normal session honouring the proxy."""
    return local_session() if is_local(url) else requests.Session()


__all__ = ["is_local", "local_session", "session_for"]

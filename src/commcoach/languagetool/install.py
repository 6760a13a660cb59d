"""Install LanguageTool 6.8 into `paths.languagetool_dir()/LanguageTool-6.8/`.

Routes, tried in this order by `source="auto"`:

1. `maven`: HTTPS GET of the standalone zip from Maven Central (requests, streamed, with a
   progress callback). Since March 2025 LanguageTool publishes fixed releases only there, and it
   is the fastest route (~6 s here); the zip is checked against a pinned SHA-256.
2. `ltp`: language-tool-python's own download (GitHub releases / languagetool.org), which is what
   a user with ordinary internet access would get from `language_tool_python`; verified by LTP's
   own pinned SHA-256 manifest.
3. `mvn`: `mvn dependency:copy` of the same artifact, for networks where only a configured Maven
   mirror or proxy (settings.xml) reaches Maven Central. Same pinned SHA-256.

Every route ends in the same folder, laid out as LanguageTool ships it (server jar, `libs/`,
`org/`). Installing is idempotent (a verified install returns at once) and atomic: the zip is
downloaded into a temporary folder next to the target, unpacked there, verified, and only then
renamed into place, under a file lock so that two installs never race.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from commcoach import paths
from commcoach.languagetool import LT_VERSION
from commcoach.languagetool.errors import InstallError, NotInstalledError

MAVEN_URL = (
    "https://repo1.maven.org/maven2/org/languagetool/languagetool-standalone/"
    "{version}/languagetool-standalone-{version}.zip"
)
MAVEN_ARTIFACT = "org.languagetool:languagetool-standalone:{version}:zip"
PINNED_SHA256 = {
    "6.8": "f04aecf37e35ef17d44b336da9668a5a3a871edd14bd83a766a7e110b9ebcd21",
}
"""SHA-256 of the Maven Central standalone zip (measured by both mvn and HTTPS downloads)."""
EXPECTED_ZIP_BYTES = {"6.8": 258_509_167}
"""For the progress bar when a proxy hides Content-Length."""
NEEDED_FREE_BYTES = 750 * 1024 * 1024
"""Zip (~260 MB) plus unpacked tree (~400 MB) plus slack."""
MARKER = ".commcoach-install.json"
"""Written inside the install after verification; its presence makes `install` a no-op."""
SOURCES = ("auto", "maven", "ltp", "mvn")

Progress = Callable[[int, int | None], None]
"""Called with (bytes downloaded so far, total bytes or None)."""
Say = Callable[[str], None]
"""Called with one line of human-readable progress."""


@dataclass(frozen=True, slots=True)
class InstallResult:
    """Where LanguageTool is, and how it got there."""

    home: Path
    source: str
    already: bool
    """True when nothing was downloaded because a verified install existed."""


def home_dir(root: Path | None = None) -> Path:
    """`<root>/LanguageTool-6.8` (root defaults to `paths.languagetool_dir()`)."""
    return (root or paths.languagetool_dir()) / f"LanguageTool-{LT_VERSION}"


def server_jar(home: Path) -> Path:
    """The jar whose manifest Class-Path pulls in `./` and `libs/*`."""
    return home / "languagetool-server.jar"


def layout_problem(home: Path) -> str | None:
    """What is missing from an install folder, or None when it looks complete."""
    required = [
        server_jar(home),
        home / "libs" / "languagetool-core.jar",
        home / "libs" / "english-pos-dict.jar",
        home / "org" / "languagetool" / "resource" / "en",
    ]
    for path in required:
        if not path.exists():
            return f"{path} is missing"
    if server_jar(home).stat().st_size == 0:
        return f"{server_jar(home)} is empty"
    return None


def find_install(root: Path | None = None) -> Path:
    """The verified install folder, or NotInstalledError with a one-line fix."""
    home = home_dir(root)
    if not home.is_dir():
        raise NotInstalledError(
            f"LanguageTool {LT_VERSION} is not installed in {home.parent}: "
            "run `commcoach languagetool install`"
        )
    problem = layout_problem(home)
    if problem is not None:
        raise NotInstalledError(
            f"LanguageTool install is incomplete ({problem}): "
            "run `commcoach languagetool install --force`"
        )
    return home


def read_marker(home: Path) -> dict[str, str]:
    """The install record (source, sha256, date), or {} for installs made by other tools."""
    try:
        data = json.loads((home / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def install(
    root: Path | None = None,
    *,
    source: str = "auto",
    force: bool = False,
    progress: Progress | None = None,
    say: Say | None = None,
) -> InstallResult:
    """Make sure LanguageTool is installed; download it if needed. Raises InstallError.

    Java is not needed to install (only to run), so a machine can be prepared in advance.
    """
    if source not in SOURCES:
        raise InstallError(f"unknown source {source!r}: choose one of {', '.join(SOURCES)}")
    root = root or paths.languagetool_dir()
    home = home_dir(root)
    if not force and (home / MARKER).exists() and layout_problem(home) is None:
        return InstallResult(home, read_marker(home).get("source", "?"), already=True)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InstallError(f"cannot create {root}: {exc.strerror}") from None
    note = say or (lambda _line: None)
    with _install_lock(root):
        if not force and layout_problem(home) is None:
            # Another process finished meanwhile, or a complete install lacks our marker.
            _write_marker(home, read_marker(home).get("source", "existing"), "")
            return InstallResult(home, read_marker(home).get("source", "existing"), already=True)
        _remove_stale_temp_dirs(root)
        _check_free_space(root)
        routes = _ROUTES if source == "auto" else {source: _ROUTES[source]}
        failures: list[str] = []
        for name, route in routes.items():
            work = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            try:
                note(f"Trying {name}: {_DESCRIPTIONS[name]}")
                unpacked, digest = route(work, progress, note)
                problem = layout_problem(unpacked)
                if problem is not None:
                    raise InstallError(f"downloaded archive is incomplete: {problem}")
                _write_marker(unpacked, name, digest)
                _replace(home, unpacked, work)
                note(f"Installed LanguageTool {LT_VERSION} in {home}")
                return InstallResult(home, name, already=False)
            except InstallError as exc:
                failures.append(f"{name}: {exc}")
                note(f"  {name} failed: {exc}")
            finally:
                shutil.rmtree(work, ignore_errors=True)
    raise InstallError("could not download LanguageTool: " + "; ".join(failures))


# --- routes -----------------------------------------------------------------------------------

Route = Callable[[Path, Progress | None, Say], tuple[Path, str]]


def _route_maven_http(work: Path, progress: Progress | None, say: Say) -> tuple[Path, str]:
    """Stream the zip from Maven Central, hashing as it arrives."""
    import requests  # only to download: checks never import it

    url = MAVEN_URL.format(version=LT_VERSION)
    target = work / "languagetool.zip"
    sha = hashlib.sha256()
    try:
        with requests.get(url, stream=True, timeout=(15, 60)) as response:
            if response.status_code != 200:
                raise InstallError(f"{url} answered HTTP {response.status_code}")
            header = response.headers.get("Content-Length")
            total = (
                int(header) if header and header.isdigit() else EXPECTED_ZIP_BYTES.get(LT_VERSION)
            )
            done = 0
            with target.open("wb") as out:
                for chunk in response.iter_content(chunk_size=1 << 20):
                    out.write(chunk)
                    sha.update(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
    except requests.RequestException as exc:
        raise InstallError(f"cannot download {url}: {_short(exc)}") from None
    except OSError as exc:
        raise InstallError(f"cannot write {target}: {exc.strerror}") from None
    digest = _verify_digest(sha.hexdigest())
    return _unzip(target, work / "unpacked", say), digest


def _route_mvn(work: Path, progress: Progress | None, say: Say) -> tuple[Path, str]:
    """`mvn dependency:copy`, honouring the user's Maven mirrors and proxies."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise InstallError("`mvn` is not on PATH")
    out_dir = work / "mvn"
    log = work / "mvn.log"
    say("  (mvn shows no progress; this takes about 20-60 s)")
    command = [
        mvn,
        "-B",
        "-q",
        "dependency:copy",
        f"-Dartifact={MAVEN_ARTIFACT.format(version=LT_VERSION)}",
        f"-DoutputDirectory={out_dir}",
    ]
    try:
        with log.open("wb") as sink:
            done = subprocess.run(
                command, stdout=sink, stderr=subprocess.STDOUT, timeout=1800, check=False, cwd=work
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InstallError(f"mvn did not finish: {exc}") from None
    zips = sorted(out_dir.glob("*.zip"))
    if done.returncode != 0 or not zips:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        raise InstallError(f"mvn exited with {done.returncode}: {tail[0][:200]}")
    digest = _verify_digest(_sha256_file(zips[0]))
    return _unzip(zips[0], work / "unpacked", say), digest


def _route_ltp(work: Path, progress: Progress | None, say: Say) -> tuple[Path, str]:
    """language-tool-python's download into a private LTP_PATH (it shows its own tqdm bar)."""
    from language_tool_python.download_lt import ReleaseLocalLanguageTool
    from language_tool_python.exceptions import LanguageToolError as LtpError

    ltp_path = work / "ltp"
    ltp_path.mkdir()
    saved = {k: os.environ.get(k) for k in ("LTP_PATH", "LTP_JAR_DIR_PATH")}
    os.environ["LTP_PATH"] = str(ltp_path)
    os.environ.pop("LTP_JAR_DIR_PATH", None)  # when set, LTP silently skips the download
    import requests

    try:
        ReleaseLocalLanguageTool(LT_VERSION).download()
    # LTP 3.4.0 raises a zoo of unrelated types here (see /work/shared/notes): name them all.
    except (
        LtpError,
        requests.RequestException,
        OSError,
        zipfile.BadZipFile,
        ValueError,
        SystemError,
        SystemExit,
        ImportError,  # LTP's "no java" is a ModuleNotFoundError
    ) as exc:
        raise InstallError(_short(exc)) from None
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    unpacked = ltp_path / f"LanguageTool-{LT_VERSION}"
    if not unpacked.is_dir():
        raise InstallError(f"language-tool-python did not create {unpacked.name}/")
    return unpacked, ""


_ROUTES: dict[str, Route] = {"maven": _route_maven_http, "ltp": _route_ltp, "mvn": _route_mvn}
_DESCRIPTIONS = {
    "maven": "HTTPS download from Maven Central (repo1.maven.org)",
    "ltp": "language-tool-python's download (GitHub / languagetool.org)",
    "mvn": "mvn dependency:copy (your Maven settings, mirrors and proxies)",
}


# --- helpers ----------------------------------------------------------------------------------


def _verify_digest(actual: str) -> str:
    expected = PINNED_SHA256.get(LT_VERSION)
    if expected is not None and actual != expected:
        raise InstallError(f"checksum mismatch: expected SHA-256 {expected}, got {actual}")
    return actual


def _sha256_file(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _unzip(archive: Path, dest: Path, say: Say) -> Path:
    """Unpack (zipfile refuses absolute and `..` member paths) and return LanguageTool-6.8/."""
    say("  unpacking...")
    try:
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(dest)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InstallError(f"cannot unpack {archive.name}: {_short(exc)}") from None
    unpacked = dest / f"LanguageTool-{LT_VERSION}"
    if not unpacked.is_dir():
        raise InstallError(f"the archive holds no LanguageTool-{LT_VERSION}/ folder")
    return unpacked


def _write_marker(home: Path, source: str, digest: str) -> None:
    record = {
        "version": LT_VERSION,
        "source": source,
        "sha256": digest,
        "installed_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    with contextlib.suppress(OSError):
        (home / MARKER).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _replace(home: Path, unpacked: Path, work: Path) -> None:
    """Rename the verified tree into place; an old broken tree is moved into `work` first."""
    try:
        if home.exists():
            home.rename(work / "previous")
        unpacked.rename(home)
    except OSError as exc:
        raise InstallError(f"cannot move the install into {home}: {exc.strerror}") from None


def _check_free_space(root: Path) -> None:
    free = shutil.disk_usage(root).free
    if free < NEEDED_FREE_BYTES:
        raise InstallError(
            f"{root} has {free // 2**20} MB free; LanguageTool needs about "
            f"{NEEDED_FREE_BYTES // 2**20} MB to download and unpack"
        )


def _remove_stale_temp_dirs(root: Path) -> None:
    """Leftovers of an install that was killed (we hold the lock, so none is in use)."""
    for stale in root.glob(".install-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def _install_lock(root: Path) -> Iterator[None]:
    """An exclusive lock on `<root>/.install.lock` (POSIX flock; no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with (root / ".install.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _short(exc: BaseException) -> str:
    """One short line for an exception; connection failures name only the host."""
    import requests

    if isinstance(exc, requests.ConnectionError) and exc.request is not None and exc.request.url:
        return f"cannot connect to {urlsplit(exc.request.url).hostname} ({type(exc).__name__})"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:240]

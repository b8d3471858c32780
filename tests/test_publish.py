"""Publishing against real servers on 127.0.0.1, started and stopped here: sshd
with rsync, and an FTP server (pyftpdlib). Only real changes travel, removed
pages disappear, and an interrupted upload never leaves a half-updated site."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import ThreadedFTPServer

import bimoc.publish
from bimoc.output_checks import broken_links
from bimoc.publish import (
    MANIFEST,
    TEMPORARY_SUFFIX,
    PublishError,
    Target,
    legal_problems,
    manifest,
    publish,
    upload,
    verify_online,
)
from bimoc.serve import free_port
from bimoc.tools import SSHD


def served_files(folder: Path) -> dict[str, str]:
    """What visitors can be served: every file but rsync's and our temporary ones."""
    return {
        path: digest
        for path, digest in manifest(folder).items()
        if ".~tmp~" not in path and not path.endswith(TEMPORARY_SUFFIX) and path != MANIFEST
    }


def new_version(site, folder: Path) -> Path:
    """The built site with a new image and a new calendar linked from the home page, a changed
    page, a file less."""
    version = folder / "version-b"
    shutil.copytree(site.root, version)
    (version / "theme" / "images" / "nouveau.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + os.urandom(2000)
    )
    (version / "agenda" / "nouveau.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    home = version / "index.html"
    links = (
        f'<img src="{site.siteurl}/theme/images/nouveau.png" alt="">'
        f'<a href="{site.siteurl}/agenda/nouveau.ics">agenda</a>'
    )
    html = home.read_text(encoding="utf-8").replace("</main>", f"{links}</main>")
    home.write_text(html, encoding="utf-8")
    (version / "robots.txt").unlink()
    return version


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


# rsync over SSH


@pytest.fixture(scope="module")
def ssh_target(tmp_path_factory):
    """sshd on 127.0.0.1 with its own host key, accepting one client key."""
    if not SSHD.exists() or not shutil.which("rsync"):
        pytest.fail(
            "sshd or rsync is missing: run `make test` (apt-get install openssh-server rsync)"
        )
    folder = tmp_path_factory.mktemp("sshd")
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True
        )
    shutil.copy(folder / "client.pub", folder / "authorized_keys")
    port = free_port()
    config = folder / "sshd_config"
    settings = [
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {folder / 'host'}",
        f"PidFile {folder / 'sshd.pid'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin yes",
    ]
    config.write_text("\n".join(settings) + "\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    server = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stderr=subprocess.DEVNULL)
    wait_for_port(port)
    os.environ["BIMOC_SSH_OPTIONS"] = " ".join(
        [
            f"-i {folder / 'client'}",
            "-o UserKnownHostsFile=/dev/null",
            "-o StrictHostKeyChecking=no",
            "-o LogLevel=ERROR",
        ]
    )
    remote = folder / "www"
    yield Target("rsync", "127.0.0.1", os.environ.get("USER", "root"), str(remote), port), remote
    os.environ.pop("BIMOC_SSH_OPTIONS", None)
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.publishing
@pytest.mark.root
def test_rsync_first_publish_then_nothing_travels(site, ssh_target):
    target, remote = ssh_target
    first = upload(site.root, target)
    assert sorted(first.added) == sorted(manifest(site.root)) and not first.changed
    assert served_files(remote) == manifest(site.root)
    again = upload(site.root, target)
    assert again.empty, again


@pytest.mark.publishing
@pytest.mark.root
def test_rsync_dry_run_lists_changes_and_sends_nothing(site, ssh_target, tmp_path):
    target, remote = ssh_target
    upload(site.root, target)
    version = new_version(site, tmp_path)
    plan = upload(version, target, dry_run=True)
    assert plan.added == ["agenda/nouveau.ics", "theme/images/nouveau.png"]
    assert plan.changed == ["index.html"]
    assert plan.removed == ["robots.txt"]
    assert served_files(remote) == manifest(site.root)
    done = upload(version, target)
    assert (done.added, done.changed, done.removed) == (plan.added, plan.changed, plan.removed)
    assert served_files(remote) == manifest(version), "the removed file is gone"
    upload(site.root, target)  # back to the session's site for the other tests


@pytest.mark.publishing
@pytest.mark.root
def test_rsync_interrupted_upload_leaves_the_previous_site_intact(site, ssh_target, tmp_path):
    target, remote = ssh_target
    upload(site.root, target)
    version = new_version(site, tmp_path)
    (version / "theme" / "images" / "lourd.png").write_bytes(os.urandom(3_000_000))
    code = (
        "import sys; from pathlib import Path; from bimoc.publish import Target, upload; "
        f"upload(Path({str(version)!r}), Target(*{tuple(vars(target).values())!r}))"
    )
    env = {**os.environ, "BIMOC_RSYNC_OPTIONS": "--bwlimit=300"}  # ~10 s for the heavy image
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, start_new_session=True
    )
    time.sleep(3)
    assert process.poll() is None, "the upload must still be running when it is killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(0.5)
    assert served_files(remote) == manifest(site.root), "not a single new file in place"
    upload(site.root, target)


# FTP


class RecordingHandler(FTPHandler):
    """Keeps the order of the commands that change files; can hang up after N uploads."""

    commands: list[tuple[str, str]] = []
    hang_up_after: int | None = None

    def ftp_STOR(self, file, mode="w"):
        uploads = sum(1 for command, _ in self.commands if command == "STOR")
        if self.hang_up_after is not None and uploads >= self.hang_up_after:
            self.close()  # the connection drops, as when the uploading machine dies
            return None
        self.commands.append(("STOR", self.fs.fs2ftp(file)))
        return super().ftp_STOR(file, mode)

    def ftp_RNTO(self, path):
        self.commands.append(("RNTO", self.fs.fs2ftp(path)))
        return super().ftp_RNTO(path)

    def ftp_DELE(self, path):
        self.commands.append(("DELE", self.fs.fs2ftp(path)))
        return super().ftp_DELE(path)


@pytest.fixture(scope="module")
def ftp_server(tmp_path_factory):
    """One FTP server for the module (pyftpdlib's event loop is process-wide)."""
    home = tmp_path_factory.mktemp("ftp")
    authorizer = DummyAuthorizer()
    authorizer.add_user("bimoc", "secret", str(home), perm="elradfmwMT")
    RecordingHandler.authorizer = authorizer
    port = free_port()
    server = ThreadedFTPServer(("127.0.0.1", port), RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.1}, daemon=True)
    thread.start()
    yield port, home
    server.close_all()


@pytest.fixture
def ftp_target(ftp_server, request, monkeypatch):
    """A fresh remote folder per test on the module's FTP server."""
    port, home = ftp_server
    RecordingHandler.commands = []
    RecordingHandler.hang_up_after = None
    monkeypatch.setenv("BIMOC_FTP_PASSWORD", "secret")
    folder = "www-" + "".join(c if c.isalnum() else "-" for c in request.node.name)
    yield Target("ftp", "127.0.0.1", "bimoc", f"/{folder}", port), home / folder


@pytest.mark.publishing
def test_ftp_first_publish_then_nothing_travels(site, ftp_target):
    target, remote = ftp_target
    first = upload(site.root, target)
    assert sorted(first.added) == sorted(manifest(site.root))
    assert served_files(remote) == manifest(site.root)
    RecordingHandler.commands.clear()
    assert upload(site.root, target).empty
    assert RecordingHandler.commands == [], "not even the manifest"


@pytest.mark.publishing
def test_ftp_replaces_each_file_by_rename_assets_first_deletions_last(site, ftp_target, tmp_path):
    target, remote = ftp_target
    upload(site.root, target)
    RecordingHandler.commands.clear()
    summary = upload(new_version(site, tmp_path), target)
    assert (summary.added, summary.changed, summary.removed) == (
        ["agenda/nouveau.ics", "theme/images/nouveau.png"],
        ["index.html"],
        ["robots.txt"],
    )
    www = target.path
    assert RecordingHandler.commands == [
        ("STOR", f"{www}/{MANIFEST}{TEMPORARY_SUFFIX}"),  # first, forget what will change
        ("RNTO", f"{www}/{MANIFEST}"),
        ("STOR", f"{www}/agenda/nouveau.ics{TEMPORARY_SUFFIX}"),
        ("RNTO", f"{www}/agenda/nouveau.ics"),
        ("STOR", f"{www}/theme/images/nouveau.png{TEMPORARY_SUFFIX}"),
        ("RNTO", f"{www}/theme/images/nouveau.png"),
        ("STOR", f"{www}/index.html{TEMPORARY_SUFFIX}"),
        ("RNTO", f"{www}/index.html"),
        ("DELE", f"{www}/robots.txt"),
        ("STOR", f"{www}/{MANIFEST}{TEMPORARY_SUFFIX}"),
        ("RNTO", f"{www}/{MANIFEST}"),
    ]
    assert not (remote / "robots.txt").exists()


@pytest.mark.publishing
@pytest.mark.parametrize("hang_up_after", [1, 2, 3, 4])
def test_ftp_interrupted_upload_never_serves_a_link_to_a_missing_file(
    site, ftp_target, tmp_path, hang_up_after
):
    target, remote = ftp_target
    upload(site.root, target)
    version = new_version(site, tmp_path)
    RecordingHandler.hang_up_after = hang_up_after
    with pytest.raises(PublishError, match="relancez la publication"):
        upload(version, target)
    old, new = manifest(site.root), manifest(version)
    for path, digest in served_files(remote).items():
        assert digest in (old.get(path), new.get(path)), (
            f"{path} is neither the old nor the new one"
        )
    assert broken_links(remote, site.siteurl) == []
    RecordingHandler.hang_up_after = None
    upload(version, target)
    assert served_files(remote) == manifest(version), "the next publication completes it"
    upload(site.root, target)  # and a rollback after an interruption restores every file
    assert served_files(remote) == manifest(site.root)


# Refusals


def test_publishing_is_refused_while_legal_facts_are_missing(monkeypatch, capsys):
    assert legal_problems(
        {"legal": {"publication_director": "", "host_address": "x", "host_phone": ""}}
    ) == [
        "legal.publication_director (le nom du directeur ou de la directrice de la publication)",
        "legal.host_phone (le téléphone de l’hébergeur)",
    ]
    real_settings = bimoc.publish.read_settings

    def settings_without_legal_facts(path):
        """content/site.toml as it is before ACIM gives its details, whatever it holds now."""
        settings = real_settings(path)
        settings["SITE"] = {**settings["SITE"], "legal": {}}
        return settings

    monkeypatch.setattr(bimoc.publish, "read_settings", settings_without_legal_facts)
    target = {"HOST": "127.0.0.1", "USER": "u", "PATH": "/x"}
    assert not publish(environ={f"BIMOC_PUBLISH_{key}": value for key, value in target.items()})
    errors = capsys.readouterr().err
    assert "Publication refusée : la loi (LCEN) impose ces mentions" in errors
    assert "legal.publication_director" in errors and "Traceback" not in errors


@pytest.mark.parametrize(
    "environ, message",
    [
        ({}, "renseignez BIMOC_PUBLISH_HOST, BIMOC_PUBLISH_USER, BIMOC_PUBLISH_PATH"),
        (
            {"BIMOC_PUBLISH_METHOD": "scp", "BIMOC_PUBLISH_HOST": "h"},
            "Méthode de publication « scp » inconnue",
        ),
    ],
)
def test_incomplete_targets_are_explained_in_french(environ, message):
    with pytest.raises(PublishError, match=message):
        Target.from_settings(
            {"PUBLISH": {"method": "rsync", "host": "", "user": "", "path": ""}}, environ
        )


class LiveSite(BaseHTTPRequestHandler):
    """The published site as a host might serve it: fine, missing, or redirecting
    every address to itself (a TLS proxy Apache knows nothing of)."""

    behaviour = "fine"

    def do_GET(self):
        if self.behaviour == "loop":
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/")
        else:
            self.send_response(200 if self.behaviour == "fine" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    "behaviour, online, said",
    [
        ("fine", True, "la page d’accueil en ligne répond"),
        ("loop", False, "renvoie sans fin vers lui-même"),
        ("missing", False, "répond « 404 Not Found »"),
        ("down", True, "vérification impossible d’ici"),
    ],
)
def test_the_published_home_page_is_fetched_as_a_visitor_gets_it(behaviour, online, said):
    handler = type("Handler", (LiveSite,), {"behaviour": behaviour})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_port
    if behaviour == "down":
        server.server_close()
    else:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        answered, text = verify_online(f"http://127.0.0.1:{port}", timeout=5)
        assert answered is online and said in text, text
    finally:
        if behaviour != "down":
            server.shutdown()
            server.server_close()

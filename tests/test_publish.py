"""Publishing with rsync against a real sshd on 127.0.0.1, started and stopped
here (FTP: test_publish_ftp.py): only real changes travel, removed pages
disappear, and an interrupted upload never leaves a half-updated site. Then
what refuses a publication and what checks it once done."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT
from publishing import leftovers, new_version, served_files, wait_for_port

import bimoc.publish
from bimoc.destination import PublishError, Target, manifest
from bimoc.publish import legal_problems, publish, upload, verify_online
from bimoc.serve import free_port
from bimoc.tools import SSHD

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
    assert leftovers(remote), "the killed rsync left its temporary folders"
    upload(site.root, target)
    assert leftovers(remote) == [], "the next publication removes them"


@pytest.mark.publishing
@pytest.mark.root
def test_rsync_on_a_full_disk_says_so_and_frees_it_at_once(site, ssh_target, tmp_path):
    """On a real full disk (a small tmpfs): the live site stays as it was and the
    space the failed upload took is free again."""
    target, _ = ssh_target
    disk = tmp_path / "full"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], check=True)
    try:
        small = Target("rsync", target.host, target.user, str(disk), target.port)
        upload(site.root, small)
        used = used_bytes(disk)
        version = new_version(site, tmp_path)
        (version / "theme" / "images" / "lourd.png").write_bytes(os.urandom(3_000_000))
        size = -(-(used + 1_000_000) // 4096) * 4096
        subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)
        with pytest.raises(PublishError) as full:
            upload(version, small)
        message = str(full.value)
        assert "n’a pas pu écrire les fichiers (disque plein ou quota atteint)" in message, message
        assert "Le site en ligne n’a pas changé" in message and "ont été supprimés" in message
        assert served_files(disk) == manifest(site.root) and leftovers(disk) == []
        assert used_bytes(disk) <= used + 8192, "the space the upload took is free again"
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=True)


def used_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


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

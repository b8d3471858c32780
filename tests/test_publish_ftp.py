"""Publishing over FTP against a real server on 127.0.0.1 (pyftpdlib), started and
stopped here: only real changes travel, every file arrives under a temporary
name before any is renamed into place, and an upload cut after any file, a
revert after it, or a full disk never leaves a page a visitor can reach linking
to a missing file, nor leftovers on the server."""

import errno
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import BUILD_DAY, ROOT, TEST_SITEURL, run_build
from publishing import (
    known_paths,
    leftovers,
    new_version,
    reachable_broken_links,
    served_files,
)
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import DTPHandler, FTPHandler
from pyftpdlib.servers import ThreadedFTPServer

from bimoc.destination import PublishError, Summary, Target, compare, manifest
from bimoc.ftp_upload import MANIFEST, rename_order
from bimoc.publish import upload
from bimoc.serve import free_port
from plugins import TEMPORARY_UPLOAD_SUFFIX

pytestmark = pytest.mark.publishing

PHOTO = ROOT / "tests" / "fixtures" / "feeds" / "images" / "photo.png"


class UnbufferedFS(AbstractedFS):
    """Writes reach the disk at once, so that a full disk fails the upload's own
    write and pyftpdlib replies with the error ("426 No space left on device"), as
    common servers do; buffered, the error comes at close, where pyftpdlib drops the
    connection without a word."""

    def open(self, filename, mode):
        if "w" in mode or "a" in mode:
            return open(filename, mode, buffering=0)  # noqa: SIM115 (pyftpdlib closes it)
        return super().open(filename, mode)


class DiskAwareDTP(DTPHandler):
    """pyftpdlib loses the reason of a failed write (it replies "426 None"): reply as
    ProFTPD does when the disk is full."""

    def handle_error(self):
        wrapped = sys.exc_info()[1]
        cause = wrapped.args[0] if wrapped is not None and wrapped.args else None
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            self._resp = (f"452 Transfer aborted. {cause.strerror}", logging.warning)
            self.close()
        else:
            super().handle_error()


class RecordingHandler(FTPHandler):
    """Keeps the order of the commands that change files; can hang up, as when the
    publishing machine dies, after N of them."""

    commands: list[tuple[str, str]] = []
    hang_up_after: int | None = None
    abstracted_fs = UnbufferedFS
    dtp_handler = DiskAwareDTP

    def hang_up(self) -> bool:
        if self.hang_up_after is not None and len(self.commands) >= self.hang_up_after:
            self.close()
            return True
        return False

    def ftp_STOR(self, file, mode="w"):
        if self.hang_up():
            return None
        self.commands.append(("STOR", self.fs.fs2ftp(file)))
        return super().ftp_STOR(file, mode)

    def ftp_RNTO(self, path):
        if self.hang_up():
            return None
        self.commands.append(("RNTO", self.fs.fs2ftp(path)))
        return super().ftp_RNTO(path)

    def ftp_DELE(self, path):
        if self.hang_up():
            return None
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


NEWS = """Title: {title}
Date: {date}
Category: {category}
Summary: {title}, en une phrase.

{body}
"""
EVENT = """Title: {title}
Date: 2026-09-01
Start: {start}
Place: Médiathèque José Cabanis
Town: Toulouse
Summary: {title}, en une phrase.

Le programme.
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, Path]:
    """Two real production builds of the real content: A with a news item and an event
    that B no longer has, and one that B changes; B with three more news items (one in
    a category that had none, with a photo: new listing, feeds and image; the news
    list gets a second page) and an event of its own (a new page and calendar)."""
    built = []
    for name in ("a", "b"):
        content = tmp_path_factory.mktemp(f"content-{name}") / "content"
        shutil.copytree(ROOT / "content", content)
        changing = news("Une mise à jour", "2026-05-01", body=f"Version {name.upper()}.")
        write(content, "actualites/2026-05-01-mise-a-jour.md", changing)
        if name == "a":
            write(content, "actualites/2026-06-01-annonce.md", news("Une annonce", "2026-06-01"))
            write(content, "agenda/2027-05-20-rencontre.md", event("Une rencontre", "2027-05-20"))
        else:
            (content / "images").mkdir(exist_ok=True)
            shutil.copy(PHOTO, content / "images" / "formation.png")
            body = "La journée en images.\n\n![Les stagiaires]({static}/images/formation.png)"
            formation = news("Une formation", "2026-06-02", "Formations", body)
            write(content, "actualites/2026-06-02-formation.md", formation)
            for day in ("03", "04", "05"):
                write(content, f"actualites/2026-06-{day}-breve.md", news(f"Brève {day}", day))
            write(content, "agenda/2027-06-10-journee.md", event("Une journée", "2027-06-10"))
        output = tmp_path_factory.mktemp(f"version-{name}") / "output"
        result = run_build(output, "--production", "--content", str(content), "--date", BUILD_DAY)
        assert result.returncode == 0, result.stdout + result.stderr
        built.append(output)
    return built[0], built[1]


def news(title: str, date: str, category: str = "Actualités", body: str = "Le texte.") -> str:
    date = date if "-" in date else f"2026-06-{date}"
    return NEWS.format(title=title, date=date, category=category, body=body)


def event(title: str, start: str) -> str:
    return EVENT.format(title=title, start=start)


def test_ftp_first_publish_then_nothing_travels(site, ftp_target):
    target, remote = ftp_target
    first = upload(site.root, target)
    assert sorted(first.added) == sorted(manifest(site.root))
    assert served_files(remote) == manifest(site.root)
    assert leftovers(remote) == []
    RecordingHandler.commands.clear()
    assert upload(site.root, target).empty
    assert RecordingHandler.commands == [], "not even the manifest"


def test_ftp_sends_everything_before_renaming_new_files_first(site, ftp_target, tmp_path):
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
        ("STOR", f"{www}/{MANIFEST}{TEMPORARY_UPLOAD_SUFFIX}"),  # first, what may be left half done
        ("RNTO", f"{www}/{MANIFEST}"),
        ("STOR", f"{www}/theme/images/nouveau.png{TEMPORARY_UPLOAD_SUFFIX}"),
        ("STOR", f"{www}/agenda/nouveau.ics{TEMPORARY_UPLOAD_SUFFIX}"),
        ("STOR", f"{www}/index.html{TEMPORARY_UPLOAD_SUFFIX}"),
        ("RNTO", f"{www}/theme/images/nouveau.png"),  # new files: nothing links to them yet
        ("RNTO", f"{www}/agenda/nouveau.ics"),
        ("RNTO", f"{www}/index.html"),  # then what links to them
        ("DELE", f"{www}/robots.txt"),
        ("STOR", f"{www}/{MANIFEST}{TEMPORARY_UPLOAD_SUFFIX}"),
        ("RNTO", f"{www}/{MANIFEST}"),
    ]
    assert not (remote / "robots.txt").exists()


def test_changed_files_are_renamed_in_dependency_order(versions):
    old, new = versions
    changed = [path for path in rename_order(compare_versions(old, new)) if (old / path).exists()]
    position = {path: index for index, path in enumerate(changed)}
    html = [path for path in changed if path.endswith(".html")]
    groups = [html, ["flux/actualites.atom.xml", "agenda/agenda.ics"], ["sitemap.xml"]]
    groups += [["pagefind/pagefind-entry.json"]]  # names the index files: after them
    assert html and html[-1] == "index.html", "the home page last of the pages"
    assert position["actualites/index.html"] > max(
        position[path] for path in changed if path.startswith("actualites/2")
    ), "the news list after the news items it lists"
    for first, then in zip(groups, groups[1:], strict=False):
        assert max(position[path] for path in first) < min(position[path] for path in then)


def compare_versions(old: Path, new: Path) -> Summary:
    return compare(manifest(new), manifest(old))


def published_then_recorded(old: Path, new: Path, target: Target, remote: Path, tmp_path):
    """Publish A, keep a copy of the server's folder, then publish B once uninterrupted:
    (that copy, the file commands B takes)."""
    upload(old, target)
    snapshot = tmp_path / "a-on-the-server"
    shutil.copytree(remote, snapshot)
    RecordingHandler.commands = []
    upload(new, target)
    return snapshot, RecordingHandler.commands


def cut_after(step: int, new: Path, target: Target, remote: Path, snapshot: Path):
    """From A on the server (a copy of `snapshot`, in a folder of its own), publish B
    and hang up after `step` file commands: (the target, its folder, the message)."""
    target = Target(**{**vars(target), "path": f"{target.path}-{step}"})
    remote = remote.with_name(f"{remote.name}-{step}")
    # Hard links: the upload never writes into a file, it renames new ones over them.
    shutil.copytree(snapshot, remote, copy_function=os.link)
    RecordingHandler.commands, RecordingHandler.hang_up_after = [], step
    try:
        with pytest.raises(PublishError) as cut:
            upload(new, target)
    finally:
        RecordingHandler.hang_up_after = None
    assert "Traceback" not in str(cut.value)
    return target, remote, str(cut.value)


def test_ftp_cut_after_any_file_never_serves_a_link_to_a_missing_file(
    versions, ftp_target, tmp_path
):
    """The upload from A to B is cut after each file command in turn (an upload, a
    rename or a deletion): every served file is A's or B's, and no page, feed,
    calendar or search result a visitor can reach links to a missing file. Then,
    every few cuts, the next publication completes B or, as a revert does, puts A
    back: each leaves exactly that version, with no orphan and no temporary file."""
    old, new = versions
    target, remote = ftp_target
    snapshot, commands = published_then_recorded(old, new, target, remote, tmp_path)
    assert len(commands) > 40, commands
    before, after, known = manifest(old), manifest(new), known_paths(old, new)
    for step in range(len(commands) - 1):
        cut, folder, message = cut_after(step, new, target, remote, snapshot)
        assert "relancez la publication" in message
        for path, digest in served_files(folder).items():
            assert digest in (before.get(path), after.get(path)), f"{path} after {step} files"
        assert reachable_broken_links(folder, TEST_SITEURL, known) == [], f"after {step}"
        if step % 6 in (0, 3):  # the next publication: B, or a revert to A
            version = new if step % 6 else old
            upload(version, cut)
            assert served_files(folder) == manifest(version), f"after {step} files"
            assert leftovers(folder) == [], f"after {step} files"


def test_a_cut_upload_says_what_the_live_site_looks_like(versions, ftp_target, tmp_path):
    old, new = versions
    target, remote = ftp_target
    snapshot, commands = published_then_recorded(old, new, target, remote, tmp_path)
    renames = [index for index, (command, _) in enumerate(commands) if command == "RNTO"]
    deletions = [index for index, (command, _) in enumerate(commands) if command == "DELE"]
    message = cut_after(5, new, target, remote, snapshot)[2]
    assert "le site en ligne n’a pas changé ; les fichiers déjà envoyés attendaient" in message
    assert "que la prochaine publication supprimera d’abord" in message
    message = cut_after(renames[1] + 2, new, target, remote, snapshot)[2]
    renamed = renames[1] + 2 - renames[1]
    assert f"le site en ligne est en partie à jour ({renamed} fichier(s) en place sur" in message
    assert "aucune page ne mène à un fichier absent" in message
    message = cut_after(deletions[0] + 1, new, target, remote, snapshot)[2]
    assert "le site en ligne est à jour, mais des fichiers retirés y restent encore" in message
    assert message.endswith(
        "relancez la publication : elle enverra ce qui manque et fera le ménage."
    )


def test_a_refused_connection_leaves_the_site_as_it_was(monkeypatch):
    monkeypatch.setenv("BIMOC_FTP_PASSWORD", "secret")
    target = Target("ftp", "127.0.0.1", "bimoc", "/www", free_port())
    with pytest.raises(PublishError, match="Connexion FTP impossible .* n’a pas changé"):
        upload(ROOT / "theme", target)


@pytest.mark.root
def test_a_full_disk_is_said_and_freed_at_once(versions, ftp_server, monkeypatch):
    """On a real full disk (a small tmpfs): the live site stays A, the temporary
    files are deleted at once, and after more room is given the next run completes."""
    old, new = versions
    port, home = ftp_server
    monkeypatch.setenv("BIMOC_FTP_PASSWORD", "secret")
    disk = home / "www-full"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], check=True)
    try:
        target = Target("ftp", "127.0.0.1", "bimoc", "/www-full", port)
        upload(old, target)
        used = used_bytes(disk)
        sent = sum(os.path.getsize(new / path) for path in rename_order(compare_versions(old, new)))
        remount(disk, used + sent // 2)
        with pytest.raises(PublishError) as full:
            upload(new, target)
        message = str(full.value)
        assert "le disque du serveur est plein" in message, message
        assert "le site en ligne n’a pas changé" in message
        assert "ont été supprimés" in message and "libérez de la place" in message
        assert served_files(disk) == manifest(old) and leftovers(disk) == []
        assert used_bytes(disk) <= used + 8192, "the space the upload took is free again"
        remount(disk, 16 * 2**20)
        upload(new, target)
        assert served_files(disk) == manifest(new) and leftovers(disk) == []
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=True)


def used_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def remount(disk: Path, size: int) -> None:
    size = -(-size // 4096) * 4096
    subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)

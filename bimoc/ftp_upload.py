"""Publishing over FTP or FTPS (Python's ftplib), where no atomic switch exists.

A manifest on the server (MANIFEST) records what it holds, by content hash, so
only real changes travel. Every file first goes up under a temporary name, which
the site's .htaccess refuses to serve; only once all have arrived are they
renamed into place (atomic per file): new files first (nothing links to them
yet), then changed ones in dependency order (assets, pages, the listings above
them, feeds and calendars, sitemap, search index, .htaccess last); deletions
come last. Whenever the upload stops, no page a visitor can reach links to a
missing file.

Before anything is sent, the manifest records every file about to change or go
as of unknown version ("") and every temporary name: whatever an interruption leaves
behind, the next run sends it again, deletes it if the new site no longer has it
(a revert), and deletes the temporary files first, freeing their space."""

import ftplib
import io
import json
import os
import posixpath
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from bimoc.destination import PublishError, Summary, Target, compare, full_disk, manifest
from plugins import TEMPORARY_UPLOAD_SUFFIX  # the .htaccess never serves these names

MANIFEST = ".bimoc-manifest.json"
UNKNOWN = ""  # a manifest's hash for a file whose version on the server is not known


@dataclass
class RemoteState:
    """What the manifest says the server holds."""

    files: dict[str, str] = field(default_factory=dict)
    temporary: list[str] = field(default_factory=list)


@dataclass
class Progress:
    """How far an upload went: what the live site looks like if it stops now."""

    phase: str = "prepare"  # prepare, upload, rename, delete, done
    renamed: int = 0
    to_rename: int = 0
    cleaned: bool = False  # temporary files removed after a failed upload


class ReusingFTPS(ftplib.FTP_TLS):
    """FTPS whose data connections reuse the control connection's TLS session, as
    common servers (vsftpd, ProFTPD) require; certificates are verified."""

    def ntransfercmd(self, cmd, rest=None):
        connection, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            connection = self.context.wrap_socket(
                connection, server_hostname=self.host, session=self.sock.session
            )
        return connection, size


def ftp_connect(target: Target) -> ftplib.FTP:
    password = os.environ.get("BIMOC_FTP_PASSWORD")
    if password is None:
        raise PublishError(
            "Mot de passe FTP absent : définissez la variable d’environnement BIMOC_FTP_PASSWORD."
        )
    ftp: ftplib.FTP
    if target.method == "ftps":
        ftp = ReusingFTPS(context=ssl.create_default_context())
    else:
        ftp = ftplib.FTP()
    ftp.connect(target.host, target.port, timeout=60)
    ftp.login(target.user, password)
    if isinstance(ftp, ftplib.FTP_TLS):
        ftp.prot_p()
    return ftp


def read_manifest(ftp: ftplib.FTP, target: Target) -> RemoteState:
    buffer = io.BytesIO()
    try:
        ftp.retrbinary(f"RETR {target.path}/{MANIFEST}", buffer.write)
    except ftplib.error_perm as error:
        if str(error).startswith("550"):
            return RemoteState()  # no manifest yet: the first publication
        raise
    try:
        data = json.loads(buffer.getvalue())
    except ValueError:
        return RemoteState()  # unreadable: everything is sent again, which is always safe
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return RemoteState()  # not ours: everything is sent again, as above
    return RemoteState(data["files"], data.get("temporary", []))


def write_manifest(ftp: ftplib.FTP, target: Target, state: RemoteState) -> None:
    text = json.dumps({"files": state.files, "temporary": state.temporary}, indent=0)
    temporary = f"{target.path}/{MANIFEST}{TEMPORARY_UPLOAD_SUFFIX}"
    ftp.storbinary(f"STOR {temporary}", io.BytesIO(text.encode()))
    ftp.rename(temporary, f"{target.path}/{MANIFEST}")


def rename_rank(path: str) -> tuple[int, int]:
    """Files others link to come before the files that link to them."""
    name = posixpath.basename(path)
    if path == ".htaccess":
        return (6, 0)  # the server's configuration, redirects to any page included
    if path.startswith("pagefind/"):  # the search index: its entry file names the others
        return (5, 2 if name == "pagefind-entry.json" else name.endswith(".pf_meta"))
    if name in ("sitemap.xml", "robots.txt"):
        return (4, 0)
    if name.endswith((".xml", ".ics")):
        return (3, 0)  # feeds and calendars
    if name.endswith(".html"):
        return (1, -path.count("/"))  # pages, then the listings above them, home last
    return (0, 0)  # assets: images, stylesheets, documents


def rename_order(summary: Summary) -> list[str]:
    """New files first, as nothing served links to them until a changed file does;
    then changed files in dependency order."""

    def key(path: str) -> tuple[tuple[int, int], str]:
        return rename_rank(path), path

    return sorted(summary.added, key=key) + sorted(summary.changed, key=key)


def ensure_folders(ftp: ftplib.FTP, folder: str, made: set[str]) -> None:
    """Create `folder` and its parents (absolute, or relative to the login folder)."""
    parts = folder.split("/")
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        if path and path not in made:
            try:
                ftp.mkd(path)
            except ftplib.error_perm:
                pass  # already there
            made.add(path)


def delete(ftp: ftplib.FTP, target: Target, paths: list[str]) -> None:
    for path in paths:
        try:
            ftp.delete(f"{target.path}/{path}")
        except ftplib.error_perm:
            pass  # already gone (or never arrived)


def store(ftp: ftplib.FTP, command: str, source) -> None:
    try:
        ftp.storbinary(command, source)
    except OSError as error:
        # A server that cannot write (full disk) may close the data connection while
        # we send: its reply, still unread, says why.
        if ftp.sock is not None:
            ftp.sock.settimeout(5)
        try:
            ftp.voidresp()
        except ftplib.Error as reply:
            raise reply from error
        raise


def send(
    ftp: ftplib.FTP,
    root: Path,
    target: Target,
    remote: RemoteState,
    local: dict[str, str],
    progress: Progress,
) -> None:
    """Upload what changed (`local`: the built files' hashes) under temporary names,
    rename it into place, delete what went; `progress` tells how far it got if
    the connection fails."""
    summary = compare(local, remote.files)
    order = rename_order(summary)
    temporary = [path + TEMPORARY_UPLOAD_SUFFIX for path in order]
    made: set[str] = set()
    ensure_folders(ftp, target.path, made)
    # Before anything changes, the manifest says what may be left half done.
    files = {path: digest for path, digest in remote.files.items() if path not in order}
    files.update(dict.fromkeys(order + summary.removed, UNKNOWN))
    write_manifest(ftp, target, RemoteState(files, sorted(set(remote.temporary + temporary))))
    delete(ftp, target, remote.temporary)  # an interrupted run's leftovers, and their space
    progress.phase, progress.to_rename = "upload", len(order)
    for path, name in zip(order, temporary, strict=True):
        ensure_folders(ftp, posixpath.dirname(f"{target.path}/{path}"), made)
        with open(root / path, "rb") as source:
            store(ftp, f"STOR {target.path}/{name}", source)
    progress.phase = "rename"
    for path, name in zip(order, temporary, strict=True):
        ftp.rename(f"{target.path}/{name}", f"{target.path}/{path}")  # atomic for visitors
        progress.renamed += 1
    progress.phase = "delete"
    delete(ftp, target, sorted(summary.removed, key=lambda p: (rename_rank(p), p), reverse=True))
    write_manifest(ftp, target, RemoteState(local, []))


def ftp_upload(root: Path, target: Target, dry_run: bool) -> Summary:
    try:
        ftp = ftp_connect(target)
    except ftplib.all_errors as error:  # OSError among them
        raise PublishError(
            f"Connexion FTP impossible à {target.host}:{target.port} ({error}) : le site en "
            "ligne n’a pas changé. Vérifiez l’hôte, le port, l’identifiant et "
            "BIMOC_FTP_PASSWORD, puis relancez la publication."
        ) from error
    progress = Progress()
    try:
        remote = read_manifest(ftp, target)
        local = manifest(root)  # every file hashed once
        summary = compare(local, remote.files)
        if not dry_run and not (summary.empty and not remote.temporary):
            send(ftp, root, target, remote, local, progress)  # leftovers alone are cleaned too
        return summary
    except ftplib.all_errors as error:
        if progress.phase in ("prepare", "upload"):
            progress.cleaned = clean_up(ftp, target)
        raise PublishError(explain(error, progress)) from error
    finally:
        try:
            ftp.quit()
        except ftplib.all_errors:
            ftp.close()


def clean_up(ftp: ftplib.FTP, target: Target) -> bool:
    """After a failed upload, delete the temporary files if the server still
    answers (a full disk is then freed at once); True when done."""
    try:
        state = read_manifest(ftp, target)
        delete(ftp, target, [*state.temporary, MANIFEST + TEMPORARY_UPLOAD_SUFFIX])
        state.temporary = []
        write_manifest(ftp, target, state)
    except ftplib.all_errors:
        return False
    return True


def explain(error: BaseException, progress: Progress) -> str:
    """What happened, what the live site looks like now, and what to do, in French."""
    full = full_disk(str(error))
    cause = "le disque du serveur est plein" if full else "l’envoi par FTP s’est interrompu"
    if progress.phase in ("prepare", "upload"):
        state = "le site en ligne n’a pas changé"
        if progress.phase == "upload":
            state += (
                " ; les fichiers déjà envoyés attendaient sous un nom temporaire, jamais servi, "
                + (
                    "et ont été supprimés"
                    if progress.cleaned
                    else "que la prochaine publication supprimera d’abord"
                )
            )
    elif progress.phase == "rename":
        state = (
            f"le site en ligne est en partie à jour ({progress.renamed} fichier(s) en place "
            f"sur {progress.to_rename}) : chaque fichier y est entier et aucune page ne mène "
            "à un fichier absent, mais anciennes et nouvelles pages s’y côtoient"
        )
    else:
        state = "le site en ligne est à jour, mais des fichiers retirés y restent encore"
    action = (
        "libérez de la place sur le serveur (ou demandez-en à l’hébergeur), puis relancez "
        "la publication"
        if full
        else "relancez la publication : elle enverra ce qui manque et fera le ménage"
    )
    reason = str(error) or "connexion coupée"
    return f"Publication FTP inachevée, {cause} ({reason}) : {state}. Que faire : {action}."

"""`invoke publish`: check, build for production, and upload to ACIM's server so
that visitors never see a half-updated site.

- rsync over SSH (default): compares by checksum, so only real changes travel;
  `--delay-updates` keeps every new file aside until all have arrived, then puts
  them in place together, and deletions come last: an interrupted upload leaves
  the previous site intact.
- FTP or FTPS (Python's ftplib): a manifest of content hashes on the server says
  what changed; each file goes up under a temporary name and is renamed over the
  old one (atomic per file), assets first, then pages, then feeds and server
  configuration, deletions last, so no served page links to a missing file.

Once sent, the home page is fetched as a visitor gets it: a host whose TLS
proxy does not tell Apache a request came over HTTPS would have the .htaccess
redirect every address to itself forever, and the person publishing learns it
at once, with what to do.

The target comes from the PUBLISH setting (publishconf.py) and BIMOC_PUBLISH_*
environment variables; secrets never live in the repository (SSH keys or agent,
BIMOC_FTP_PASSWORD for FTP)."""

import ftplib
import hashlib
import io
import json
import os
import posixpath
import shlex
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import read_settings

from bimoc.build import PRODUCTION_SETTINGS
from bimoc.check import check
from plugins import LEGAL_FACTS

MANIFEST = ".bimoc-manifest.json"  # FTP only: what the server holds, by content hash
TEMPORARY_SUFFIX = ".bimoc-tmp"
METHODS = ("rsync", "ftp", "ftps")


class PublishError(Exception):
    """A reason not to publish, in French, for the person publishing."""


@dataclass
class Target:
    method: str
    host: str
    user: str
    path: str
    port: int

    @classmethod
    def from_settings(cls, settings: dict, environ: Mapping[str, str]) -> "Target":
        values = dict(settings.get("PUBLISH", {}))
        for key in ("method", "host", "user", "path", "port"):
            values[key] = environ.get(f"BIMOC_PUBLISH_{key.upper()}", values.get(key, ""))
        method = values["method"] or "rsync"
        if method not in METHODS:
            raise PublishError(
                f"Méthode de publication « {method} » inconnue : écrivez {', '.join(METHODS)}."
            )
        missing = [key for key in ("host", "user", "path") if not values[key]]
        if missing:
            names = ", ".join(f"BIMOC_PUBLISH_{key.upper()}" for key in missing)
            raise PublishError(
                f"Destination de publication incomplète : renseignez {names} (voir le README)."
            )
        port = int(values["port"] or (22 if method == "rsync" else 21))
        return cls(method, values["host"], values["user"], values["path"].rstrip("/"), port)


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        counts = (len(self.added), len(self.changed), len(self.removed))
        lines = ["{} ajouté(s), {} modifié(s), {} supprimé(s).".format(*counts)]
        for label, paths in (("+", self.added), ("~", self.changed), ("-", self.removed)):
            lines += [f"  {label} {path}" for path in paths]
        return "\n".join(lines)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def legal_problems(site: dict) -> list[str]:
    """What must be filled in content/site.toml before the site may be published."""
    legal = site.get("legal", {})
    return [f"legal.{key} ({label})" for key, label in LEGAL_FACTS.items() if not legal.get(key)]


def manifest(root: Path) -> dict[str, str]:
    """Every file of the built site → the SHA-256 of its content."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def compare(local: dict[str, str], remote: dict[str, str]) -> Summary:
    return Summary(
        added=sorted(set(local) - set(remote)),
        changed=sorted(path for path in local if path in remote and local[path] != remote[path]),
        removed=sorted(set(remote) - set(local)),
    )


# rsync over SSH


def ssh_command(target: Target) -> str:
    options = os.environ.get("BIMOC_SSH_OPTIONS", "")  # e.g. an identity file, for tests
    return f"ssh -p {target.port} -o BatchMode=yes {options}".strip()


def rsync(root: Path, target: Target, dry_run: bool) -> Summary:
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--checksum",
        "--chmod=D755,F644",
        "--delete-delay",
        "--delay-updates",
        "--itemize-changes",
        "--out-format=%i %n",
        "--filter=P .well-known/",  # the host's certificate challenges are not ours to delete
        "-e",
        ssh_command(target),
    ]
    command += ["--dry-run"] if dry_run else []
    command += shlex.split(os.environ.get("BIMOC_RSYNC_OPTIONS", ""))  # e.g. --bwlimit in tests
    command += [f"{root}/", f"{target.user}@{target.host}:{target.path}/"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PublishError(
            f"L’envoi par rsync a échoué ({result.returncode}) : {result.stderr.strip()}"
        )
    return summary_of_itemized(result.stdout)


def summary_of_itemized(output: str) -> Summary:
    """rsync's --itemize-changes lines: '<f+++++++++ a' (sent; '>' when local),
    '<fc........ b', '*deleting c'; folders ('cd...') are not counted."""
    summary = Summary()
    for line in output.splitlines():
        flags, _, path = line.partition(" ")
        if flags == "*deleting":
            summary.removed.append(path.strip())
        elif flags[:1] in "<>" and flags[1:2] == "f":
            (summary.added if "+++++++" in flags else summary.changed).append(path)
    return summary


# FTP


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


def remote_manifest(ftp: ftplib.FTP, target: Target) -> dict[str, str]:
    buffer = io.BytesIO()
    try:
        ftp.retrbinary(f"RETR {target.path}/{MANIFEST}", buffer.write)
    except ftplib.error_perm as error:
        if str(error).startswith("550"):
            return {}  # no manifest yet: the first publication
        raise
    try:
        return json.loads(buffer.getvalue())
    except ValueError:
        return {}  # unreadable: everything is sent again, which is always safe


def write_manifest(ftp: ftplib.FTP, target: Target, files: dict[str, str]) -> None:
    data = io.BytesIO(json.dumps(files, indent=0, sort_keys=True).encode())
    ftp.storbinary(f"STOR {target.path}/{MANIFEST}{TEMPORARY_SUFFIX}", data)
    ftp.rename(f"{target.path}/{MANIFEST}{TEMPORARY_SUFFIX}", f"{target.path}/{MANIFEST}")


def upload_order(path: str) -> int:
    """What pages link to first (assets, calendars, feeds), then pages, then what
    points at pages or configures the server (sitemap, robots.txt, .htaccess)."""
    name = posixpath.basename(path)
    if name in ("sitemap.xml", "robots.txt", ".htaccess"):
        return 2
    return 1 if path.endswith(".html") else 0


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


def ftp_upload(root: Path, target: Target, dry_run: bool) -> Summary:
    ftp = ftp_connect(target)
    try:
        local = manifest(root)
        remote = remote_manifest(ftp, target)
        summary = compare(local, remote)
        if dry_run or summary.empty:
            return summary
        sending = summary.added + summary.changed
        made: set[str] = set()
        ensure_folders(ftp, target.path, made)
        # Forget what is about to change first: if the upload stops, the next one sends it again.
        kept = {path: digest for path, digest in remote.items() if path not in sending}
        write_manifest(ftp, target, kept)
        for path in sorted(sending, key=lambda p: (upload_order(p), p)):
            destination = f"{target.path}/{path}"
            ensure_folders(ftp, posixpath.dirname(destination), made)
            with open(root / path, "rb") as source:
                ftp.storbinary(f"STOR {destination}{TEMPORARY_SUFFIX}", source)
            ftp.rename(f"{destination}{TEMPORARY_SUFFIX}", destination)  # atomic for visitors
        for path in summary.removed:
            try:
                ftp.delete(f"{target.path}/{path}")
            except ftplib.error_perm:
                pass  # already gone
        write_manifest(ftp, target, local)
        return summary
    finally:
        try:
            ftp.quit()
        except ftplib.all_errors:
            ftp.close()


def upload(root: Path, target: Target, dry_run: bool = False) -> Summary:
    if target.method == "rsync":
        return rsync(root, target, dry_run)
    try:
        return ftp_upload(root, target, dry_run)
    except ftplib.all_errors as error:  # (OSError among them)
        raise PublishError(
            f"L’envoi par FTP s’est interrompu ({error}) : le site en ligne reste cohérent ; "
            "relancez la publication, elle enverra ce qui manque."
        ) from error


def verify_online(siteurl: str, timeout: float = 15) -> tuple[bool, str]:
    """(False, why) when the published home page does not answer as it should;
    (True, what was seen) otherwise, unreachable from here included."""
    home = f"{siteurl}/"
    try:
        with urllib.request.urlopen(home, timeout=timeout):
            return True, f"la page d’accueil en ligne répond ({home})"
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:  # urllib stops a redirect that comes back to itself
            return False, (
                f"Le site publié renvoie sans fin vers lui-même ({home}) : l’hébergeur sert "
                "sans doute HTTPS par un relais qui ne le signale pas au serveur. Republiez "
                "aussitôt avec BIMOC_SITEURL=http://… (sans redirection vers HTTPS), puis "
                "demandez à l’hébergeur d’envoyer l’en-tête X-Forwarded-Proto."
            )
        return False, (
            f"La page d’accueil publiée répond « {error.code} {error.reason} » ({home}) : "
            "vérifiez le dossier de destination (BIMOC_PUBLISH_PATH) et la configuration "
            "du serveur, puis republiez."
        )
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return True, f"vérification impossible d’ici ({reason}) : ouvrez {home} pour contrôler"


def publish(dry_run: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    """Check, build for production and upload; True when published (or simulated)."""
    environ = os.environ if environ is None else environ
    settings = read_settings(str(PRODUCTION_SETTINGS))
    try:
        missing = legal_problems(settings["SITE"])
        if missing:
            message = (
                "la loi (LCEN) impose ces mentions sur le site publié ; "
                f"renseignez-les dans content/site.toml : {', '.join(missing)}."
            )
            if not dry_run:
                raise PublishError(f"Publication refusée : {message}")
            print(f"Attention, une vraie publication serait refusée : {message}", file=sys.stderr)
        target = Target.from_settings(settings, environ)
        with tempfile.TemporaryDirectory(prefix="bimoc-publish-") as folder:
            site = Path(folder) / "site"
            if not check(output=site):
                raise PublishError(
                    "Publication refusée : corrigez d’abord les problèmes ci-dessus."
                )
            summary = upload(site, target, dry_run)
    except PublishError as error:
        print(error, file=sys.stderr)
        return False
    if dry_run:
        print(f"Simulation, rien n’a été envoyé : {summary}")
        return True
    online, seen = verify_online(settings["SITEURL"])
    if not online:
        print(seen, file=sys.stderr)
        return False
    print(f"Publication terminée : {summary} ; {seen}.")
    return True

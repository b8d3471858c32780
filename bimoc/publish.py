"""`invoke publish`: check, build for production, and upload to ACIM's server so
that visitors never see a half-updated site.

- rsync over SSH (default): compares by checksum, so only real changes travel;
  `--delay-updates` keeps every new file aside until all have arrived, then puts
  them in place together, and deletions come last: an interrupted upload leaves
  the previous site intact, and its temporary folders are removed at once.
- FTP or FTPS: bimoc/ftp_upload.py (every file under a temporary name first,
  then renamed into place in dependency order).

Once sent, the home page is fetched as a visitor gets it: a host whose TLS
proxy does not tell Apache a request came over HTTPS would have the .htaccess
redirect every address to itself forever, and the person publishing learns it
at once, with what to do.

The target comes from the PUBLISH setting (publishconf.py) and BIMOC_PUBLISH_*
environment variables; secrets never live in the repository (SSH keys or agent,
BIMOC_FTP_PASSWORD for FTP)."""

import os
import shlex
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from pelican.settings import read_settings

from bimoc.build import PRODUCTION_SETTINGS
from bimoc.check import check
from bimoc.destination import PublishError, Summary, Target, full_disk
from bimoc.ftp_upload import ftp_upload
from plugins import LEGAL_FACTS


def legal_problems(site: dict) -> list[str]:
    """What must be filled in content/site.toml before the site may be published."""
    legal = site.get("legal", {})
    return [f"legal.{key} ({label})" for key, label in LEGAL_FACTS.items() if not legal.get(key)]


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
    if not dry_run:
        remove_partial_folders(root, target)  # an interrupted run's (and their space)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PublishError(rsync_failure(result, remove_partial_folders(root, target)))
    return summary_of_itemized(result.stdout)


def remove_partial_folders(root: Path, target: Target) -> bool:
    """Delete the `.~tmp~` folders a failed --delay-updates run leaves in each folder it
    wrote to (a full disk is freed at once), and nothing else: rsync itself, so that a
    restricted SSH account (rsync only) can do it. True when done."""
    command = ["rsync", "--recursive", "--delete", "--existing", "--ignore-existing"]
    command += ["--filter=R .~tmp~/***", "--filter=P *", "-e", ssh_command(target)]
    command += [f"{root}/", f"{target.user}@{target.host}:{target.path}/"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.returncode == 0


def rsync_failure(result: subprocess.CompletedProcess, cleaned: bool) -> str:
    """What happened, what the live site looks like now, and what to do, in French."""
    error = result.stderr.strip()
    if full_disk(error) or result.returncode == 11:
        # 11 is rsync's "error in file IO": over SSH its reason often never arrives.
        cause = "le serveur n’a pas pu écrire les fichiers (disque plein ou quota atteint)"
        action = "libérez de la place sur le serveur (ou demandez-en à l’hébergeur), puis relancez"
    else:
        cause = f"l’envoi par rsync a échoué (code {result.returncode})"
        action = "relancez la publication : elle enverra ce qui manque"
    leftovers = (
        "ont été supprimés"
        if cleaned
        else "restent dans des dossiers « .~tmp~ », jamais servis, que la prochaine "
        "publication supprimera"
    )
    return (
        f"Publication inachevée, {cause}" + (f" : {error}" if error else "") + ".\n"
        "Le site en ligne n’a pas changé (rsync ne met les nouveaux fichiers en place "
        f"qu’une fois tous arrivés) ; ceux déjà envoyés {leftovers}. Que faire : {action}."
    )


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


def upload(root: Path, target: Target, dry_run: bool = False) -> Summary:
    if target.method == "rsync":
        return rsync(root, target, dry_run)
    return ftp_upload(root, target, dry_run)


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

"""What both ways of publishing share: where to (Target), what changed
(Summary, from manifests of content hashes), and the error they raise."""

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

METHODS = ("rsync", "ftp", "ftps")
# How servers say their disk or quota is full: FTP's 452 and 552 replies (RFC 959),
# errno 28 (ENOSPC) in rsync's or pyftpdlib's words, and the usual servers' phrasings.
FULL_DISK = re.compile(
    r"^[45]52|no space left|errno 28|\(28\)|disk full|quota|insufficient storage", re.I
)


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


def full_disk(message: str) -> bool:
    return bool(FULL_DISK.search(message))

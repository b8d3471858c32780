"""Finds or installs the tools the test suite drives: Debian's Chromium, Java,
Apache and openssl (with apt-get when run as root) and the npm packages of
package.json (Nu HTML Checker, Lighthouse, HTTP Observatory, and the editors'
interface, Sveltia CMS, that the build bundles) in node_modules/. Says what to
install when it cannot."""

import os
import shutil
import subprocess
from pathlib import Path

from bimoc.build import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# How Playwright launches it here: as root (no sandbox), and quiet (no network of its own).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# The .htaccess is tested on a real Apache: the server alone (apache2-bin), not
# the apache2 package, whose service would listen on port 80 of every interface.
APACHE = Path("/usr/sbin/apache2")
SSHD = Path("/usr/sbin/sshd")
# While installing, Debian's packages must not start their services (sshd on port 22
# of every interface): policy-rc.d answering 101 forbids it.
POLICY_RC = Path("/usr/sbin/policy-rc.d")
MIME_TYPES = Path("/etc/mime.types")
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CMS_PACKAGE = ROOT / "node_modules" / "@sveltia" / "cms" / "package.json"  # plugins/cms
NPM_LOCK = ROOT / "package-lock.json"
INSTALLED_LOCK = ROOT / "node_modules" / ".package-lock.json"  # written by npm ci


class ToolsMissing(Exception):
    pass


def missing_debian_packages(everything: bool = True) -> list[str]:
    """Java and npm run the Nu HTML Checker of `invoke check`; the rest, the tests."""
    found = {
        "default-jre-headless": shutil.which("java") is not None,
        "npm": shutil.which("npm") is not None,
    }
    if not everything:
        return [package for package, present in found.items() if not present]
    found |= {
        "chromium": CHROMIUM.exists(),
        "apache2-bin": APACHE.exists(),
        "media-types": MIME_TYPES.exists(),
        "openssl": shutil.which("openssl") is not None,
        # Publishing tests: rsync over a throwaway sshd, started by the tests on 127.0.0.1.
        "rsync": shutil.which("rsync") is not None,
        "openssh-client": shutil.which("ssh") is not None,
        "openssh-server": SSHD.exists(),
    }
    return [package for package, present in found.items() if not present]


def npm_packages_stale(needed: tuple[Path, ...] = (VNU_JAR, LIGHTHOUSE, CMS_PACKAGE)) -> bool:
    installed = INSTALLED_LOCK.exists() and all(path.exists() for path in needed)
    return not installed or INSTALLED_LOCK.stat().st_mtime < NPM_LOCK.stat().st_mtime


def run(command: list[str]) -> None:
    print("$", " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise ToolsMissing(
            f"`{' '.join(command)}` failed (see above): run it by hand to fix the cause"
        )


def ensure_test_tools(everything: bool = True) -> None:
    """Install what the tests need (with everything=False, only what `invoke check`
    needs), or raise ToolsMissing naming what to install."""
    packages = missing_debian_packages(everything)
    if packages:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            raise ToolsMissing(f"Install: sudo apt-get install {' '.join(packages)}")
        run(["apt-get", "update", "-qq"])
        own_policy = not POLICY_RC.exists()
        if own_policy:
            POLICY_RC.write_text("#!/bin/sh\nexit 101\n")
            POLICY_RC.chmod(0o755)
        try:
            run(["apt-get", "install", "-y", "-qq", *packages])
        finally:
            if own_policy:
                POLICY_RC.unlink()
    if npm_packages_stale():
        # --ignore-scripts: vnu-jar's postinstall would download a Java runtime.
        run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"])


def ensure_cms() -> None:
    """Install the editors' interface (`make cms`): the npm packages the build needs
    (package.json's dependencies, not the test tools), or raise ToolsMissing in French."""
    if not npm_packages_stale((CMS_PACKAGE,)):
        return
    if not shutil.which("npm"):
        raise ToolsMissing(
            "L’interface d’édition a besoin de Node.js : installez-le depuis "
            "https://nodejs.org/fr (version « LTS »), puis relancez make cms."
        )
    run(["npm", "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"])

"""The editors' interface as files to publish: Sveltia CMS from its pinned npm
package (package.json, installed in node_modules/ by `npm ci`: `make check`,
`make test` and `make cms` do it) bundled by esbuild with admin.js, once per
version, into a cache the builds copy from.

Served from the site itself, nothing from another host: the package's npm
build (npm/index.js) carries its fonts and translations, which its ready-made
bundle (dist/) fetches from CDNs at run time. Two fixes on top, checked here:
the fonts' CSS still names the CDN (the package also loads the same files from
its own assets/, which the CSS is pointed at), and Shiki's grammars for code
blocks stay out (the form offers no code block: config.py)."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).parent
ENTRY = SOURCES / "admin.js"
PACKAGE = Path("@sveltia", "cms")
ESBUILD = Path(".bin", "esbuild")
BUNDLE = "cms.js"  # not sveltia-cms.js: Sveltia would start itself again for that name
# @font-face src of the fonts' CSS (@sveltia/ui): family, then subset.
CDN_FONT = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/"
    r"(?P<family>[a-z0-9-]+?)(?::vf)?@[0-9.]+/(?P<subset>[a-z0-9-]+)\.woff2"
)
CDN_HOSTS = ("cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com")


class BundleError(Exception):
    """The package cannot be served from the site: its message says why, in English
    (a maintainer's problem, reported as an internal error)."""


def installed_version(node_modules: Path) -> str | None:
    manifest = node_modules / PACKAGE / "package.json"
    if not manifest.is_file() or not (node_modules / ESBUILD).exists():
        return None
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def cache_key(node_modules: Path, version: str) -> str:
    """Changes with the package, esbuild or our own sources."""
    esbuild = json.loads((node_modules / "esbuild" / "package.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(f"{version} {esbuild['version']}".encode())
    for source in sorted(SOURCES.glob("*.js")):
        digest.update(source.read_bytes())
    return f"{version}-{digest.hexdigest()[:12]}"


def local_fonts(script: str, assets: Path) -> str:
    """The fonts' CDN addresses replaced by the package's own files (same fonts)."""

    def local(match: re.Match) -> str:
        prefix = f"{match['family']}-{match['subset']}-"
        files = sorted(assets.glob(f"{prefix}*.woff2"))
        if not files:
            raise BundleError(f"aucune copie locale de {match[0]} dans {assets}")
        return f"assets/{files[0].name}"  # the CSS is the page's, /admin/

    return CDN_FONT.sub(local, script)


def run_esbuild(node_modules: Path, folder: Path) -> None:
    command = [
        str(node_modules / ESBUILD),
        str(ENTRY),
        "--bundle",
        "--format=esm",
        "--splitting",  # a translation or a rarely used part loads when needed
        "--minify",
        f"--outdir={folder}",
        f"--entry-names={Path(BUNDLE).stem}",
        "--chunk-names=chunks/[name]-[hash]",
        "--loader:.json=json",
        "--external:@shikijs/*",
        "--log-level=error",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BundleError(f"échec d’esbuild : {result.stderr.strip()}")


def make_bundle(node_modules: Path, folder: Path) -> None:
    """cms.js, chunks/ and assets/ (fonts, the package's licence) into `folder`."""
    run_esbuild(node_modules, folder)
    package = node_modules / PACKAGE
    assets = folder / "assets"
    shutil.copytree(package / "npm" / "assets", assets, ignore=shutil.ignore_patterns("*.map"))
    shutil.copy(package / "LICENSE.txt", folder / "LICENSE.txt")
    for script in folder.rglob("*.js"):
        text = local_fonts(script.read_text(encoding="utf-8"), assets)
        host = next((host for host in CDN_HOSTS if host in text), None)
        if host:
            raise BundleError(f"{script.name} charge encore des fichiers de {host}")
        script.write_text(text, encoding="utf-8")


def bundle(
    node_modules: Path = ROOT / "node_modules", cache: Path = ROOT / ".cache"
) -> Path | None:
    """The folder of the built interface, built on first use; None when the
    package (or esbuild) is not installed."""
    version = installed_version(node_modules)
    if version is None:
        return None
    folder = cache / "cms" / cache_key(node_modules, version)
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bundle-", dir=folder.parent))
    staging.chmod(0o755)  # mkdtemp's 0700 would be copied to admin/: a web server could not read it
    try:
        make_bundle(node_modules, staging)
        os.replace(staging, folder)  # another build may have made it meanwhile: either is right
    except OSError:
        if not folder.is_dir():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def copy_bundle(folder: Path, target: Path) -> None:
    """Hard links where the file system allows (a build copies 6 MB otherwise)."""

    def link(source: str, destination: str) -> None:
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(folder, target, copy_function=link, dirs_exist_ok=True)

"""The published .htaccess on a real Apache 2.4 (Debian's apache2) started on
127.0.0.1 by these tests, with its own configuration in a temporary folder:
under `AllowOverride All` and under the restricted setting of shared hosts
(a directive they forbid would turn every page into a 500). Headers,
compression, caching, MIME types, the 404 page, no listing, the old addresses;
over HTTPS with a self-signed certificate; then scored by MDN's HTTP
Observatory (npm @mdn/mdn-http-observatory), over HTTPS and over plain HTTP."""

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import socketserver
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TEST_SITEURL, run_build
from sample_documents import FILES, documents_content

from bimoc.serve import free_port
from bimoc.tools import APACHE, MIME_TYPES
from plugins.htaccess.policy import (
    ADMIN_CONTENT_SECURITY_POLICY,
    ADMIN_PATHS,
    CONTENT_SECURITY_POLICY,
    SEARCH_CONTENT_SECURITY_POLICY,
    SEARCH_PATHS,
)

pytestmark = pytest.mark.apache

MODULES = Path("/usr/lib/apache2/modules")
OBSERVATORY = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
HOST = "127.0.0.1"
OVERRIDES = {"all": "All", "restricted": "FileInfo Indexes AuthConfig Limit"}
# What the .htaccess needs, what a host has anyway, and autoindex: the host
# lists folders (Options Indexes) unless the site prevents it.
LOADED = ["mpm_event", "authz_core", "mime", "dir", "autoindex"]
LOADED += ["rewrite", "headers", "filter", "deflate", "ssl", "socache_shmcb"]
HOST_CONFIG = """
ServerRoot "{folder}"
{listen}
{modules}
{user}
ServerName {host}
PidFile "{folder}/apache.pid"
DefaultRuntimeDir "{folder}"
ErrorLog "{folder}/error.log"
LogLevel warn
TypesConfig {mime_types}
SSLSessionCache "shmcb:{folder}/ssl_cache(512000)"
DocumentRoot "{docroot}"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{docroot}">
    Options Indexes FollowSymLinks
    AllowOverride {override}
    Require all granted
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
<VirtualHost {host}:{https_port}>
    SSLEngine on
    SSLCertificateFile "{certificate}"
    SSLCertificateKeyFile "{key}"
</VirtualHost>
"""
# Old addresses of the former Joomla site → the new pages (content-facts §2).
JOOMLA = {
    6: "/qui-sommes-nous/",
    9: "/actualites/2011/reunion-du-15-fevrier-2011/",
    11: "/qui-sommes-nous/#la-conservation-partagee-des-documents-sonores",
    18: "/actualites/2010/reunion-du-29-avril-2010/",
    25: "/actualites/2008/reunion-du-14-fevrier-2008/",
    26: "/actualites/2007/reunion-du-22-novembre-2007/",
    27: "/actualites/2007/reunion-du-19-avril-2007/",
    28: "/actualites/2006/reunion-du-7-decembre-2006/",
    118: "/actualites/2013/reunion-du-18-octobre-2013/",
    131: "/actualites/2015/reunion-du-12-mars-2015/",
}
JOOMLA_VARIANTS = [
    "option=com_content&view=article&id={id}:un-titre&catid=3&Itemid=5",
    "option=com_content&view=article&id={id}",
    "Itemid=5&id={id}:un-titre&view=article&option=com_content",
    "option=com_content&view=article&id={id}%3Aun-titre",
    "option=com_content&task=view&id={id}&Itemid=5",  # Joomla 1.0
]
OTHER_OLD_ADDRESSES = [
    "/index.php",
    "/index.php?option=com_content&view=article&id=999:inconnu",
    "/index.php?option=com_content&view=article&id=250",  # not 25
    "/index.php?option=com_content&view=article&catid=25",
    "/index.php?option=com_content&view=category&id=25",  # a category, not article 25
    "/index.php?option=com_contact&view=contact&id=6",
]
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000"
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


def unavailable(reason: str) -> None:
    """A missing tool fails the run (`make test` installs them all)."""
    pytest.fail(reason)


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lowercase names; repeated headers joined with ", "
    body: bytes


def get(port: int, path: str, headers: dict | None = None, certificate: Path | None = None):
    """One request, redirects not followed; HTTPS when given the certificate to trust."""
    if certificate:
        context = ssl.create_default_context(cafile=str(certificate))
        connection = http.client.HTTPSConnection(HOST, port, context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        received: dict[str, str] = {}
        for name, value in response.getheaders():
            name = name.lower()
            received[name] = f"{received[name]}, {value}" if name in received else value
        return Response(response.status, received, response.read())
    finally:
        connection.close()


@dataclass
class Apache:
    folder: Path
    docroot: Path
    http_port: int
    https_port: int
    process: subprocess.Popen

    def log(self) -> str:
        log = self.folder / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        shutil.rmtree(self.docroot, ignore_errors=True)


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"Apache stopped: {log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"Apache did not listen on {port}")


def start_apache(
    site: Path,
    folder: Path,
    override: str,
    certificate: tuple[Path, Path],
    mime_types: Path = MIME_TYPES,
) -> Apache:
    """Apache serving a copy of `site` (readable by the user Apache drops to when
    started as root) over HTTP and HTTPS, on free ports of 127.0.0.1, with the
    media types of `mime_types`."""
    if not APACHE.exists():
        unavailable(f"{APACHE} is missing: run `make test`, or apt-get install apache2-bin")
    folder.mkdir(parents=True, exist_ok=True)
    docroot = Path(tempfile.mkdtemp(prefix="bimoc-apache-"))
    docroot.chmod(0o755)
    shutil.copytree(site, docroot, dirs_exist_ok=True)
    http_port, https_port = free_port(), free_port()
    config = HOST_CONFIG.format(
        folder=folder,
        host=HOST,
        listen=f"Listen {HOST}:{http_port}\nListen {HOST}:{https_port}",
        modules="\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in LOADED),
        user="User www-data\nGroup www-data" if os.geteuid() == 0 else "",
        mime_types=mime_types,
        docroot=docroot,
        override=override,
        https_port=https_port,
        certificate=certificate[0],
        key=certificate[1],
    )
    (folder / "apache.conf").write_text(config)
    process = subprocess.Popen(
        [str(APACHE), "-f", str(folder / "apache.conf"), "-DFOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "stderr.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    apache = Apache(folder, docroot, http_port, https_port, process)
    try:
        wait_for_port(http_port, process, folder / "stderr.log")
        wait_for_port(https_port, process, folder / "stderr.log")
    except BaseException:
        apache.stop()
        raise
    return apache


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1: (certificate, key)."""
    if not shutil.which("openssl"):
        unavailable("openssl is missing: run `make test`, or apt-get install openssl")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}"]
        + ["-addext", f"subjectAltName=IP:{HOST}"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("certificate"))


@pytest.fixture(scope="module", params=sorted(OVERRIDES), ids=lambda name: f"AllowOverride-{name}")
def apache(request, site, certificate, tmp_path_factory) -> Apache:
    """The production build served by Apache under one AllowOverride setting."""
    folder = tmp_path_factory.mktemp(f"apache-{request.param}")
    server = start_apache(site.root, folder, OVERRIDES[request.param], certificate)
    yield server
    server.stop()


def served_paths(root: Path) -> list[str]:
    """The URL path of every published file (folders for their index.html)."""
    paths = []
    for file in sorted(root.rglob("*")):
        if file.is_file() and file.name != ".htaccess":
            relative = file.relative_to(root).as_posix()
            paths.append("/" + relative.removesuffix("index.html"))
    return paths


def test_htaccess_is_published_without_options(site):
    """`Options` needs AllowOverride Options, which shared hosts rarely grant."""
    htaccess = site.file(".htaccess").read_text()
    assert "RewriteEngine On" in htaccess
    assert not re.search(r"^\s*Options\b", htaccess, re.MULTILINE)


def test_every_published_file_is_served_without_error(apache, site):
    paths = served_paths(site.root)
    assert len(paths) > 40
    for path in paths:
        response = get(apache.http_port, path)
        assert response.status == 200, (path, response.status, apache.log())
        assert response.body == site.file(path.lstrip("/")).read_bytes(), path
    assert "not allowed here" not in apache.log(), apache.log()


def test_pages_carry_every_security_header(apache, site):
    for path in served_paths(site.root):
        if not path.endswith((".html", "/")):
            continue
        headers = get(apache.http_port, path).headers
        expected = dict(SECURITY_HEADERS)
        if path.startswith(SEARCH_PATHS):  # Pagefind's WebAssembly, there only
            expected["content-security-policy"] = SEARCH_CONTENT_SECURITY_POLICY
        if path.startswith(ADMIN_PATHS):  # the editors' interface, there only
            expected["content-security-policy"] = ADMIN_CONTENT_SECURITY_POLICY
        for name, value in expected.items():
            assert headers.get(name) == value, (path, name, headers)
        assert headers.get("cross-origin-resource-policy") == "same-origin", path
        assert headers["content-type"].lower() == "text/html; charset=utf-8", path
        assert "strict-transport-security" not in headers, path  # plain HTTP


def stylesheet_path(site) -> str:
    return "/" + next(site.root.glob("theme/css/site.*.css")).relative_to(site.root).as_posix()


@pytest.mark.parametrize(
    "path",
    ["stylesheet", "/theme/images/logo.png", "/theme/images/favicon.svg"]
    + ["/flux/actualites.atom.xml", "/flux/actualites.rss.xml", "/agenda/agenda.ics"],
)
def test_other_files_let_other_sites_use_them(apache, site, path):
    """No Cross-Origin-Resource-Policy but on pages: feed readers show our images."""
    path = stylesheet_path(site) if path == "stylesheet" else path
    headers = get(apache.http_port, path).headers
    assert "cross-origin-resource-policy" not in headers
    assert headers["x-content-type-options"] == "nosniff"
    sandboxed = "; sandbox" if path.endswith(".svg") else ""  # an SVG is a document
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY + sandboxed


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("/", "text/html; charset=utf-8"),
        ("stylesheet", "text/css; charset=utf-8"),
        ("/flux/actualites.atom.xml", "application/atom+xml; charset=utf-8"),
        ("/flux/actualites.rss.xml", "application/rss+xml; charset=utf-8"),
        ("/flux/agenda.atom.xml", "application/atom+xml; charset=utf-8"),
        ("/agenda/agenda.ics", "text/calendar; charset=utf-8"),
        ("/theme/images/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/theme/images/logo.png", "image/png"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ],
)
def test_files_have_their_media_type_and_charset(apache, site, path, content_type):
    path = stylesheet_path(site) if path == "stylesheet" else path
    assert get(apache.http_port, path).headers["content-type"].lower() == content_type


@pytest.mark.parametrize(
    "path",
    ["/", "/actualites/", "stylesheet", "/flux/actualites.atom.xml", "/flux/actualites.rss.xml"]
    + ["/agenda/agenda.ics", "/theme/images/favicon.svg", "/sitemap.xml", "/admin/cms.js"],
)
def test_text_is_gzipped_when_the_client_accepts_it(apache, site, path):
    path = stylesheet_path(site) if path == "stylesheet" else path
    original = site.file(path.lstrip("/")).read_bytes()
    compressed = get(apache.http_port, path, {"Accept-Encoding": "gzip"})
    assert compressed.headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in compressed.headers.get("vary", "")
    assert gzip.decompress(compressed.body) == original
    assert len(compressed.body) < len(original)
    plain = get(apache.http_port, path)
    assert "content-encoding" not in plain.headers and plain.body == original


@pytest.mark.parametrize(
    "path, cache_control",
    [
        ("stylesheet", YEAR_IMMUTABLE),
        ("/", "no-cache"),
        ("/actualites/2008/reunion-du-14-fevrier-2008/", "no-cache"),
        ("/flux/actualites.atom.xml", "no-cache"),
        ("/flux/actualites.rss.xml", "no-cache"),
        ("/agenda/agenda.ics", "no-cache"),
        ("/theme/images/logo.png", "public, max-age=604800"),
    ],
)
def test_fingerprinted_files_are_cached_for_a_year_pages_are_revalidated(
    apache, site, path, cache_control
):
    path = stylesheet_path(site) if path == "stylesheet" else path
    assert get(apache.http_port, path).headers["cache-control"] == cache_control


def test_revalidation_of_a_gzipped_page_gives_304(apache):
    """mod_deflate's '-gzip' ETags never match: the .htaccess validates by date."""
    first = get(apache.http_port, "/actualites/", {"Accept-Encoding": "gzip"})
    since = {"Accept-Encoding": "gzip", "If-Modified-Since": first.headers["last-modified"]}
    if "etag" in first.headers:
        since["If-None-Match"] = first.headers["etag"]
    assert get(apache.http_port, "/actualites/", since).status == 304


@pytest.mark.parametrize("path", ["/nexiste-pas/", "/actualites/2099/rien/", "/rien.html"])
def test_a_missing_address_gets_the_sites_404_page(apache, site, path):
    response = get(apache.http_port, path)
    assert response.status == 404
    assert response.body == site.file("404.html").read_bytes()
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/theme/", "/theme/css/", "/theme/images/", "/flux/", "/theme"])
def test_folders_without_index_are_never_listed(apache, site, path):
    response = get(apache.http_port, path)
    assert response.status == 404
    assert b"Index of" not in response.body
    assert response.body == site.file("404.html").read_bytes()


def location_path(response: Response, origin: str) -> str:
    """The path a redirect leads to, on the site's own address (SITEURL)."""
    assert response.headers["location"].startswith(origin + "/"), response.headers["location"]
    return response.headers["location"].removeprefix(origin)


@pytest.mark.parametrize("variant", JOOMLA_VARIANTS)
def test_old_joomla_articles_lead_to_their_new_page(apache, site, variant):
    for article, target in JOOMLA.items():
        response = get(apache.http_port, "/index.php?" + variant.format(id=article))
        assert response.status == 301, (article, variant)
        assert location_path(response, site.siteurl) == target  # old query dropped
        page, _, anchor = target.partition("#")
        assert get(apache.http_port, page).status == 200
        if anchor:
            assert site.page(page.lstrip("/")).get_element_by_id(anchor) is not None


@pytest.mark.parametrize("path", ["/objectifs/", "/moyens/index.html"])
def test_the_pages_merged_into_who_we_are_lead_to_it(apache, site, path):
    response = get(apache.http_port, path)
    assert response.status == 301
    assert location_path(response, site.siteurl) == "/qui-sommes-nous/"


@pytest.mark.parametrize("path", OTHER_OLD_ADDRESSES)
def test_other_old_joomla_addresses_lead_home(apache, site, path):
    response = get(apache.http_port, path)
    assert response.status == 301
    assert location_path(response, site.siteurl) == "/"


def test_https_adds_strict_transport_security(apache, certificate):
    secure = get(apache.https_port, "/", certificate=certificate[0])
    assert secure.status == 200
    assert secure.headers["strict-transport-security"] == HSTS
    for name, value in SECURITY_HEADERS.items():
        assert secure.headers[name] == value
    assert "strict-transport-security" not in get(apache.http_port, "/").headers


@pytest.fixture(scope="module")
def renamed(certificate, tmp_path_factory) -> Apache:
    """A news item that had two other addresses, served under the restricted setting."""
    output = tmp_path_factory.mktemp("renamed") / "output"
    result = run_build(output, "--production", "--content", str(FIXTURES / "former_urls"))
    assert result.returncode == 0, result.stderr
    server = start_apache(
        output, tmp_path_factory.mktemp("apache-renamed"), OVERRIDES["restricted"], certificate
    )
    yield server
    server.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/actualites/2008/ancien-titre/",
        "/actualites/2008/ancien-titre",
        "/actualites/2008/ancien-titre/index.html",
        "/actualites/2008/ancien-titre/?depuis=lettre",
        "/ancienne-page.html",
    ],
)
def test_former_addresses_of_a_renamed_page_lead_to_it(renamed, path):
    response = get(renamed.http_port, path)
    assert response.status == 301
    assert location_path(response, TEST_SITEURL) == "/actualites/2024/nouveau-titre/"
    assert get(renamed.http_port, "/actualites/2024/nouveau-titre/").status == 200


def test_similar_addresses_are_not_redirected(renamed):
    for path in ["/actualites/2008/ancien-titre-2/", "/ancienne-page.htm"]:
        assert get(renamed.http_port, path).status == 404


@pytest.fixture(scope="module")
def documents_apache(certificate, tmp_path_factory) -> Apache:
    """A site with a document of each type, served under the restricted setting
    by an Apache that knows no media type (a host's list may lack these): the
    .htaccess alone must name them."""
    content = documents_content(tmp_path_factory.mktemp("documents-content"))
    output = tmp_path_factory.mktemp("documents") / "output"
    result = run_build(output, "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    no_types = tmp_path_factory.mktemp("types") / "mime.types"
    no_types.write_text("")
    folder = tmp_path_factory.mktemp("apache-documents")
    server = start_apache(output, folder, OVERRIDES["restricted"], certificate, no_types)
    yield server
    server.stop()


@pytest.mark.parametrize(
    "path, media_type",
    [
        ("/documents/programme.pdf", "application/pdf"),
        ("/documents/statuts.odt", "application/vnd.oasis.opendocument.text"),
        ("/documents/budget.ods", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "/documents/charte.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "/documents/2026/adherents.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_documents_are_served_with_their_media_type(documents_apache, path, media_type):
    """With nosniff, a browser trusts the media type alone; revalidated like
    pages: a corrected document keeps its name."""
    response = get(documents_apache.http_port, path)
    assert response.status == 200
    assert response.headers.get("content-type") == media_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-cache"
    assert response.body == FILES[path.removeprefix("/")]


# HTTPS as the live site serves it, scored by the Observatory.


class SchemeSwitch(socketserver.ThreadingTCPServer):
    """One port for both schemes, as a host's ports 80 and 443 behind one name: a
    TLS handshake goes to Apache's HTTPS port, anything else to its HTTP port,
    byte for byte. The Observatory scans http:// and https:// of one host:port."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, http_port: int, https_port: int) -> None:
        self.ports = {False: http_port, True: https_port}
        super().__init__((HOST, port), SwitchHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]


def pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class SwitchHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        first = self.request.recv(1, socket.MSG_PEEK)
        if not first:
            return
        port = self.server.ports[first == b"\x16"]  # TLS records start with 0x16
        with socket.create_connection((HOST, port)) as upstream:
            back = threading.Thread(target=pipe, args=(upstream, self.request), daemon=True)
            back.start()
            pipe(self.request, upstream)
            back.join(timeout=30)


@pytest.fixture(scope="module")
def https_site(certificate, tmp_path_factory):
    """The production build with an https:// address, served on one port for both
    schemes by Apache under the restricted setting: (Apache, port)."""
    switch_port = free_port()
    siteurl = f"https://{HOST}:{switch_port}"
    output = tmp_path_factory.mktemp("https") / "output"
    result = run_build(output, "--production", siteurl=siteurl)
    assert result.returncode == 0, result.stderr
    server = start_apache(
        output, tmp_path_factory.mktemp("apache-https"), OVERRIDES["restricted"], certificate
    )
    switch = SchemeSwitch(switch_port, server.http_port, server.https_port)
    yield server, switch.port
    switch.shutdown()
    switch.server_close()
    server.stop()


def test_an_https_site_sends_plain_http_to_its_https_address(https_site, certificate):
    server, port = https_site
    response = get(port, "/actualites/?page=2")
    assert response.status == 301
    assert response.headers["location"] == f"https://{HOST}:{port}/actualites/?page=2"
    secure = get(port, "/actualites/", certificate=certificate[0])
    assert secure.status == 200 and secure.headers["strict-transport-security"] == HSTS
    old = get(port, "/index.php?option=com_content&view=article&id=25", certificate=certificate[0])
    assert old.headers["location"] == f"https://{HOST}:{port}{JOOMLA[25]}"


def observatory(host: str, certificate: Path) -> dict:
    """The Observatory's own CLI (src/scan.js; its bin wrapper would replace our
    trusted certificate by Mozilla's bundle) on one host[:port]."""
    if not (OBSERVATORY / "src" / "scan.js").exists() or not shutil.which("node"):
        unavailable("@mdn/mdn-http-observatory is missing: run `make test` (npm ci)")
    # Offline, the HSTS preload list (downloaded by its install script) is empty.
    preload = OBSERVATORY / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    result = subprocess.run(
        ["node", str(OBSERVATORY / "src" / "scan.js"), host],
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(certificate)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def failed_tests(report: dict) -> dict[str, str]:
    return {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}


def test_observatory_gives_a_plus_over_https(https_site, certificate):
    _server, port = https_site
    report = observatory(f"{HOST}:{port}", certificate[0])
    print(json.dumps(report["scan"], indent=2))
    assert failed_tests(report) == {}
    assert report["scan"]["grade"] == "A+"
    assert report["scan"]["score"] >= 100
    assert report["tests"]["strict-transport-security"]["result"] == (
        "hsts-implemented-max-age-at-least-six-months"
    )
    assert report["tests"]["redirection"]["result"] == "redirection-to-https"


def test_observatory_passes_everything_but_https_over_plain_http(apache, certificate):
    report = observatory(f"{HOST}:{apache.http_port}", certificate[0])
    print(json.dumps(report["scan"], indent=2))
    assert failed_tests(report) == {
        "redirection": "redirection-missing",
        "strict-transport-security": "hsts-not-implemented-no-https",
    }


def test_hidden_files_are_never_served_but_well_known_is(apache):
    hidden = {
        ".bimoc-manifest.json": "{}",  # FTP's manifest
        "actualites/.~tmp~/index.html": "half-sent",  # an interrupted rsync
        ".well-known/acme-challenge/jeton": "certificate challenge",
    }
    for path, text in hidden.items():
        (apache.docroot / path).parent.mkdir(parents=True, exist_ok=True)
        (apache.docroot / path).write_text(text)
    assert get(apache.http_port, "/.bimoc-manifest.json").status == 404
    assert get(apache.http_port, "/actualites/.~tmp~/index.html").status == 404
    response = get(apache.http_port, "/.well-known/acme-challenge/jeton")
    assert response.status == 200 and response.body == b"certificate challenge"

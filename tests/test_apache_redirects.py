"""Every redirect of the .htaccess leads to the site's own address (SITEURL),
whatever the request's Host and scheme, on a real Apache (tests/test_apache.py
starts it): HTTP to HTTPS, the former Joomla site, `Former_urls:`, a folder
asked without its slash; also behind a host's TLS proxy (plain HTTP with
`X-Forwarded-Proto: https`). Values from content are encoded where the
.htaccess is written: hostile ones can add no directive. SVG files are served
sandboxed; an FTP upload's temporary files never."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, unquote_to_bytes

import jinja2
import pytest
from conftest import FIXTURES, ROOT, run_build
from hypothesis import given
from hypothesis import strategies as st
from test_apache import HOST, JOOMLA_VARIANTS, OVERRIDES, get, make_certificate, start_apache

import pelicanconf
from bimoc.serve import free_port
from plugins.htaccess.htaccess import (
    TEMPLATE,
    htaccess_text,
    path_pattern,
    redirect_target,
)
from plugins.htaccess.policy import CONTENT_SECURITY_POLICY

SITEURL = f"https://{HOST}:{free_port()}"  # nobody listens there: redirects are not followed
NEW = "/actualites/2024/nouveau-titre/"
# Where each old address of tests/fixtures/redirects leads, over HTTPS.
REDIRECTS = {
    **{"/index.php?" + variant.format(id=25): NEW for variant in JOOMLA_VARIANTS},
    **{"/index.php?" + variant.format(id=26): NEW + "#compte-rendu" for variant in JOOMLA_VARIANTS},
    "/index.php": "/",
    "/index.php?option=com_content&view=article&id=999": "/",
    "/actualites/2008/ancien-titre/": NEW,
    "/actualites/2008/ancien-titre": NEW,
    "/ancienne-page.html?depuis=lettre": NEW,
    "/archives/%C3%A9t%C3%A9-2008/": NEW,
    "/actualites/2024/nouveau-titre": NEW,  # a folder without its slash
    "/actualites?page=2": "/actualites/?page=2",
}
# How a request reaches Apache: the address a client asked for, as Apache sees it.
EVIL = {"Host": "evil.example"}
PROXIED = {"X-Forwarded-Proto": "https"}
SVG_POLICY = CONTENT_SECURITY_POLICY + "; sandbox"
# Values an editor's mistake or an attacker could put in a path, a URL or an anchor.
HOSTILE = [
    "\n",
    "\r\n",
    "\x00",
    '"',
    "'",
    " ",
    "\t",
    "\\",
    "$1",
    "%1",
    "%{HTTP_HOST}",
    "${x}",
    "%0A",
    "%00",
    "%22",
    "%",
    "\u2028",
    "é",
    "<>",
    "#",
    "?",
    " [R=302]",
    "(.*)",
    "\nRedirect 301 / https://evil.example/\n",
    '" "expr=true',
]
# What a target may hold: unreserved characters, "/", and \%HH escapes.
SAFE_TARGET = re.compile(
    re.escape(SITEURL)
    + r"/(?:[A-Za-z0-9._~/-]|\\%[0-9A-F]{2})*(?:#(?:[A-Za-z0-9._~-]|\\%[0-9A-F]{2})*)?"
)
# What a pattern holds of a path: letters, digits, / _ -, a backslash before
# punctuation or x (a \xHH byte), between its fixed start and end.
SAFE_PATTERN = re.compile(r"(?:[A-Za-z0-9/_-]|\\[.~!&()*+,;=:@\[\]{}?|^#<>]|\\x[0-9A-F]{2})*")
FOLDER_END = r"(?:/|/index\.html)?$"


def every_character() -> list[str]:
    """Each code point of the BMP's first 12,288 (Latin, controls, spaces, U+2028…):
    all of them, alone, where Hypothesis tries random texts."""
    return [chr(code) for code in range(0x3000) if unicodedata.category(chr(code)) != "Cs"]


def config_decoded(target: str) -> str:
    return unquote(target.replace("\\%", "%"))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_target_is_encoded_into_a_plain_url(value):
    url, anchor = f"a{value}b/", f"c{value}d"
    target = redirect_target(SITEURL, url, anchor)
    assert SAFE_TARGET.fullmatch(target), target
    expected = unquote_to_bytes(f"/{url}").decode(errors="replace")
    assert config_decoded(target) == f"{SITEURL}{expected}#{unquote(anchor)}"


def test_every_character_in_a_target_is_encoded_or_plain():
    for char in every_character():
        target = redirect_target(SITEURL, f"x{char}/", char)
        assert SAFE_TARGET.fullmatch(target), (char, target)


def decoded_path(path: str) -> bytes:
    return unquote_to_bytes(path).lstrip(b"/")


def pattern_body(pattern: str) -> str:
    """What a former address's pattern holds of the address itself."""
    assert pattern.startswith("^") and pattern.endswith("$"), pattern
    return pattern[1:].removesuffix(FOLDER_END).removesuffix("$")


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_former_address_becomes_a_literal_pattern(value):
    for path in [f"/a{value}b/", f"/a{value}b.html"]:
        pattern = path_pattern(path)
        assert SAFE_PATTERN.fullmatch(pattern_body(pattern)), pattern
        decoded = decoded_path(path)
        assert re.fullmatch(pattern.encode(), decoded), (path, pattern)
        assert not re.fullmatch(pattern.encode(), decoded.replace(b"a", b"z", 1))


def test_every_character_in_a_former_address_is_matched_literally():
    for char in every_character():
        path = f"/a{char}b/"
        pattern = path_pattern(path)
        assert SAFE_PATTERN.fullmatch(pattern_body(pattern)), (char, pattern)
        assert re.fullmatch(pattern.encode(), decoded_path(path) + b"index.html"), char


@given(url=st.text(), anchor=st.text(), former=st.text())
def test_any_text_becomes_a_plain_target_and_a_literal_pattern(url, anchor, former):
    target = redirect_target(SITEURL, url, anchor)
    assert SAFE_TARGET.fullmatch(target), target
    pattern = path_pattern("/" + former)
    assert SAFE_PATTERN.fullmatch(pattern_body(pattern)), pattern
    decoded = decoded_path("/" + former)
    assert re.fullmatch(pattern.encode(), decoded) or re.fullmatch(
        pattern.encode(),
        decoded.removesuffix(b"/"),  # a folder: with or without its slash
    ), pattern


def render(joomla: list, former: list) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "theme" / "templates"),
        **pelicanconf.JINJA_ENVIRONMENT,
    )
    return htaccess_text(environment.get_template(TEMPLATE + ".html"), SITEURL, joomla, former)


def hostile_htaccess() -> str:
    """Every hostile value in each place content reaches the .htaccess."""
    joomla = [(n, f"cible{v}/", f"ancre{v}") for n, v in enumerate(HOSTILE, start=1)]
    former = [(f"/vieux{v}/", f"cible{v}/") for v in HOSTILE]
    return render(joomla, former)


def directives(text: str) -> list[str]:
    """The first word of each line that is not blank or a comment."""
    lines = [line.strip() for line in text.splitlines()]
    return [line.split()[0] for line in lines if line and not line.startswith("#")]


def test_hostile_values_add_no_line_to_the_htaccess():
    count = range(1, len(HOSTILE) + 1)
    # "%0A" and "\n" are one address: one rule.
    addresses = range(len({path_pattern(f"/vieux{value}/") for value in HOSTILE}))
    benign = render(
        [(n, f"cible{n}/", f"ancre{n}") for n in count],
        [(f"/vieux{n}/", f"cible{n}/") for n in addresses],
    )
    hostile = hostile_htaccess()
    assert "\x00" not in hostile and "\nRedirect" not in hostile
    # The same directives, in the same order: one per value, nothing more.
    assert directives(hostile) == directives(benign)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("certificate"))


def serve(docroot: Path, tmp_path_factory, certificate, override: str):
    return start_apache(
        docroot, tmp_path_factory.mktemp(f"apache-{override}"), OVERRIDES[override], certificate
    )


@pytest.mark.apache
def test_hostile_values_in_a_real_apache_only_redirect_where_they_should(
    tmp_path_factory, certificate
):
    docroot = tmp_path_factory.mktemp("hostile-htaccess") / "site"  # readable by Apache
    for page in ["index.html", "404.html", "cible/index.html"]:
        (docroot / page).parent.mkdir(parents=True, exist_ok=True)
        (docroot / page).write_text("<!doctype html><title>page</title>")
    (docroot / ".htaccess").write_text(hostile_htaccess())
    server = serve(docroot, tmp_path_factory, certificate, "restricted")
    try:
        home = get(server.https_port, "/", certificate=certificate[0])
        assert home.status == 200 and "location" not in home.headers, server.log()
        # A hostile former address leads, encoded, to its hostile target.
        moved = {
            "/vieux(.*)/": "/cible%28.%2A%29/",
            "/vieux%20%5BR=302%5D/": "/cible%20%5BR%3D302%5D/",
            "/vieux%0A/": "/cible%0A/",
            "/vieux%22/": "/cible%22/",
            "/vieux%25%7BHTTP_HOST%7D/": "/cible%25%7BHTTP_HOST%7D/",
            "/index.php?option=com_content&view=article&id=1": "/cible%0A/#ancre%0A",
        }
        for path, target in moved.items():
            response = get(server.https_port, path, certificate=certificate[0])
            assert response.status == 301, (path, server.log())
            assert response.headers["location"] == SITEURL + target
    finally:
        server.stop()
    assert ":alert]" not in server.log(), server.log()


@pytest.fixture(scope="module")
def redirects_site(tmp_path_factory) -> Path:
    """tests/fixtures/redirects built for production at SITEURL (https://)."""
    output = tmp_path_factory.mktemp("redirects") / "output"
    result = run_build(
        output, "--production", "--content", str(FIXTURES / "redirects"), siteurl=SITEURL
    )
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module", params=sorted(OVERRIDES), ids=lambda name: f"AllowOverride-{name}")
def apache(request, redirects_site, certificate, tmp_path_factory):
    server = serve(redirects_site, tmp_path_factory, certificate, request.param)
    yield server
    server.stop()


def requests(apache, certificate) -> dict:
    """How a visitor's request reaches Apache: name → (port, headers, TLS certificate)."""
    return {
        "https": (apache.https_port, {}, certificate[0]),
        "https, Host: evil.example": (apache.https_port, EVIL, certificate[0]),
        "behind a TLS proxy": (apache.http_port, PROXIED, None),
        "behind a TLS proxy, Host: evil.example": (apache.http_port, {**PROXIED, **EVIL}, None),
    }


@pytest.mark.apache
@pytest.mark.parametrize("path", sorted(REDIRECTS))
def test_every_redirect_leads_to_the_sites_own_address(apache, certificate, path):
    for name, (port, headers, trusted) in requests(apache, certificate).items():
        response = get(port, path, headers, certificate=trusted)
        assert response.status == 301, (name, response.status, apache.log())
        assert response.headers["location"] == SITEURL + REDIRECTS[path], name


@pytest.mark.apache
@pytest.mark.parametrize("path", ["/", "/actualites/?page=2", *sorted(REDIRECTS)])
def test_plain_http_goes_to_the_sites_https_address(apache, path):
    for headers in [{}, EVIL]:
        response = get(apache.http_port, path, headers)
        assert response.status == 301
        # mod_rewrite encodes the request's path itself (é as %c3%a9).
        assert unquote(response.headers["location"]) == unquote(SITEURL + path)


@pytest.mark.apache
@pytest.mark.parametrize("path", [NEW, "/actualites/", "/agenda/"])
def test_pages_are_served_behind_a_tls_proxy(apache, path):
    response = get(apache.http_port, path, {**PROXIED, **EVIL})
    assert response.status == 200 and "location" not in response.headers


@pytest.mark.apache
def test_svg_files_are_served_sandboxed(apache, certificate):
    (apache.docroot / "dessin.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    for path in ["/theme/images/favicon.svg", "/dessin.svg"]:
        response = get(apache.https_port, path, certificate=certificate[0])
        assert response.status == 200
        assert response.headers["content-security-policy"] == SVG_POLICY, path
    page = get(apache.https_port, "/", certificate=certificate[0])
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.apache
def test_temporary_upload_files_are_never_served(apache, certificate):
    for name in [
        "robots.txt.bimoc-tmp",
        ".index.html.bimoc-tmp",
        "actualites/index.html.bimoc-tmp",
    ]:
        (apache.docroot / name).write_text("half-sent")
        response = get(apache.https_port, "/" + quote(name), certificate=certificate[0])
        assert response.status == 404, name
        assert b"half-sent" not in response.body

"""The one resolver of internal links: what a `{filename}` or `{static}` target
names, exactly as Pelican resolves it (from content/ when it starts with `/`,
else from the linking file's folder), and site addresses in one normal form.
The content checks, the agenda's `Report:` and the .htaccess redirects all ask
it, so a link they accept is a link Pelican writes."""

import posixpath
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from plugins.common.messages import character_name

# Pelican's markers: {filename} (a content file), {static} and {attach} (a file as is).
INTERNAL_LINK = re.compile(r"^[{|](filename|static|attach)[}|](.*)$")
MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def internal_link(link: str) -> tuple[str, str] | None:
    """'{filename}/pages/a.md#x' → ('filename', '/pages/a.md#x'); None for any other link."""
    match = INTERNAL_LINK.match(link)
    return (match.group(1), match.group(2)) if match else None


def split_anchor(target: str) -> tuple[str, str]:
    """'/pages/a.md?x=1#part' → ('/pages/a.md', 'part')."""
    parts = urlsplit(target)
    return parts.path, parts.fragment


def source_key(target: str, linking_file: str) -> str:
    """The content-relative path (Pelican's key in generated_content) a target
    names: '/pages/a.md' from content/, 'a.md' from `linking_file`'s folder
    (itself relative to content/). It starts with '../' when it leaves content/."""
    path = split_anchor(target)[0]
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(linking_file), path))


def is_inside(key: str) -> bool:
    return key not in ("", ".", "..") and not key.startswith("../")


def site_path(url: str) -> str:
    """'/actualites/x/index.html', 'actualites/x' and '/actualites/x/' alike: '/actualites/x/'."""
    url = "/" + url.lstrip("/").removesuffix("index.html")
    return url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"


def is_markdown(key: str) -> bool:
    return key.rsplit(".", 1)[-1].lower() in MARKDOWN_EXTENSIONS


def decoded(value: str) -> str:
    """A path as a server sees it: percent-decoded until nothing changes
    ('%2500' hides '%00', which hides NUL)."""
    for _ in range(3):
        value, before = unquote(value, errors="replace"), value
        if value == before:
            break
    return value


def unsafe_character(value: str) -> str | None:
    """The first character that no address, file name or server rule may hold
    once decoded: controls (NUL, line breaks, Word's U+2028), spaces, quotes,
    backslashes. None when there is none."""
    for character in decoded(value):
        if character in "\"'\\<>" or unicodedata.category(character)[0] in "CZ":
            return character
    return None


def leaves_folder(value: str) -> bool:
    """'../x', 'a/../../x', '/etc/passwd' once decoded: a path that climbs up."""
    return ".." in decoded(value).replace("\\", "/").split("/")


def path_problem(value: str) -> tuple[str, dict] | None:
    """(message code, details) when a path is unsafe once decoded: the one rule
    for Save_as, Url, former addresses and redirection targets."""
    character = unsafe_character(value)
    if character:
        return "unsafe_path", {"value": value, "character": character_name(character)}
    return ("path_climbs", {"value": value}) if leaves_folder(value) else None

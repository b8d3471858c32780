"""The redirects' own checks, through the shared problem API: each former
address (`Former_urls:`) is a path of this site that hides no page, file or
other redirect; each line of content/redirections.toml maps an article of the
former Joomla site to a published file (and to an anchor of it that exists)."""

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.contents import Content

from plugins.common.links import path_problem, site_path, source_key, split_anchor
from plugins.common.problems import LineFinder, line_of, report
from plugins.common.schema import Verdict, add_value_check
from plugins.common.site_index import Site, anchor_problem
from plugins.common.toml_lines import toml_line

from .policy import SEARCH_INDEX

# A path of this site, as a redirect can match it: no host, query, fragment, space or quote.
SITE_PATH = re.compile(r"^/[^\s?#\"'<>\\]*$")
FORMER_URL_EXAMPLE = "/actualites/2008/ancien-titre/"
# How the former Joomla site addressed an article (content/redirections.toml).
JOOMLA_ADDRESS = "/index.php?option=com_content&view=article&id={id}"
PUBLISHED_FILE = "d’un fichier que le site publie"


def former_urls(value: str | list) -> list[str]:
    """'/a/, /b/' → ['/a/', '/b/']: `Former_urls:` lists paths separated by commas."""
    items = value if isinstance(value, list) else value.split(",")
    return [item.strip() for item in items if item.strip()]


def path_suggestion(value: str) -> str:
    """The path of this site an editor probably meant ('https://host/a/?x=1' → '/a/')."""
    path = urlsplit(value).path if "://" in value else value.split("?")[0].split("#")[0]
    path = "/" + path.strip().lstrip("/")
    return path if path != "/" and SITE_PATH.match(path) else FORMER_URL_EXAMPLE


def check_former_url_value(key: str, value: str, settings: dict) -> Verdict:
    for path in former_urls(value):
        problem = path_problem(path)  # after percent-decoding: '%00' is a NUL for Apache
        if problem:
            return problem
        if not SITE_PATH.match(path):
            return "bad_former_url", {"value": path, "suggestion": path_suggestion(path)}
    return None


add_value_check(("former_urls",), check_former_url_value)


def is_published(content: Content | None) -> bool:
    return content is not None and bool(content.save_as) and content.status != "draft"


def former_url_problem(site: Site, content: Content, url: str, taken: dict) -> tuple | None:
    if url == site_path(content.url):
        return "former_url_current", ""
    if url in site.urls:
        owner = site.by_url.get(url)
        return "former_url_taken", (
            f"de « {owner.relative_source_path} »" if owner else "d’une page du site"
        )
    if url in taken:
        return "former_url_twice", taken[url][0].relative_source_path
    return None


def check_former_urls(site: Site) -> dict[str, tuple[Content, str]]:
    """Each published content's former addresses → (content, as written), once
    each is found to lead to one content and to hide no page of the site."""
    accepted: dict[str, tuple[Content, str]] = {}
    for content in site.contents:
        paths = former_urls(getattr(content, "former_urls", ""))
        if not paths or not is_published(content):
            continue
        lines = LineFinder(content.source_path)
        for path in paths:
            url = site_path(unquote(path))
            problem = former_url_problem(site, content, url, accepted)
            if problem:
                code, other = problem
                line = lines.line(path)
                report(content.source_path, content.settings, line, code, value=path, other=other)
            else:
                accepted[url] = content, path
    return accepted


def check_former_urls_hide_no_file(accepted: dict, output: Path, settings: dict) -> None:
    """Once all is written: no former address is that of a file the build made
    itself (a feed, the calendar, robots.txt, the site map, the search index)."""
    # Written by other plugins at this same moment, maybe after this check.
    sitemap = f"sitemap.{settings.get('SITEMAP', {}).get('format', 'xml')}"
    late = [output / sitemap, output / SEARCH_INDEX.strip("/")]
    for url, (content, path) in sorted(accepted.items()):
        written = output / url.lstrip("/")
        file = written / "index.html" if url.endswith("/") else written
        if file.is_file() or any(name in (written, *written.parents) for name in late):
            line = line_of(content.source_path, path)
            report(
                content.source_path,
                settings,
                line,
                "former_url_taken",
                value=path,
                other=PUBLISHED_FILE,
            )


def read_redirections(path: Path, settings: dict) -> dict:
    """The [joomla] table of content/redirections.toml ({} when unreadable: reported)."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        report(str(path), settings, None, "encoding")
        return {}
    except (tomllib.TOMLDecodeError, RecursionError) as error:  # brackets nested deep
        line = re.search(r"line (\d+)", str(error))
        report(str(path), settings, int(line.group(1)) if line else None, "redirections_syntax")
        return {}
    articles = table.pop("joomla", {})
    for key in table:  # only the [joomla] table is known
        report(str(path), settings, toml_line(path, key), "redirection_entry", key=key)
    return articles if isinstance(articles, dict) else {}


def joomla_targets(site: Site, path: Path) -> list[tuple[int, Content, str]]:
    """(article number, content, anchor) for each checked line of redirections.toml."""
    settings, found = site.settings, []
    for key, target in read_redirections(path, settings).items():
        line = toml_line(path, key)
        if not (key.isascii() and key.isdigit()) or not isinstance(target, str):  # not '²'
            report(str(path), settings, line, "redirection_entry", key=key)
            continue
        if problem := path_problem(target):
            report(str(path), settings, line, problem[0], **problem[1])
            continue
        linked = site.by_source.get(source_key(target.removeprefix("{filename}").strip(), ""))
        anchor = split_anchor(target)[1]
        if not is_published(linked):
            old = JOOMLA_ADDRESS.format(id=key)
            report(str(path), settings, line, "redirection_target", old=old, target=target)
        elif anchor and (problem := anchor_problem(linked, anchor)):
            report(str(path), settings, line, problem[0], **problem[1])
        else:
            found.append((int(key), linked, anchor))
    return sorted(found, key=lambda item: item[0])

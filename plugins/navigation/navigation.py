"""Navigation, for the templates: the main menu (`menu`: the label and address
of each `[[menu]]` entry of content/site.toml), which menu item is the current
one (`aria_current`), and the sections of a content (`page | sections`: its h2
headings and anchors) so that each part of a page, such as each
action on the Actions page, can be linked from the site map and, on a long
page, from its table of contents (`page | table_of_contents`); `page | section_leads`
adds each section's first paragraph, as plain text, for the home page's entry points;
`page | section_parts` cuts the HTML at each section (the Actions page draws each one);
`site_part(name)` renders once a part every page shows alike (the footer); `pages |
made_with("search")` finds the pages made with a template."""

import html
import re
from collections.abc import Callable

from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

from plugins.common.site_facts import MENU, MENU_SECTIONS, section_url

# Python-Markdown's toc extension gives every heading an id.
H2 = re.compile(r'<h2\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
# Breaking whitespace only: str.split() would also take the typography's no-break spaces.
SPACES = re.compile(r"[ \t\r\n]+")
INDEX = "index.html"
# A table of contents ("Sur cette page") only where it saves scrolling: a page
# of fewer sections or words fits in about two phone screens, and the box would
# only repeat its headings before them.
TOC_MIN_SECTIONS = 3
TOC_MIN_WORDS = 300


def aria_current(item_url: str, output_file: str) -> str:
    """'page' for the menu item of the page being written, 'true' for the item of
    its section (an article under Actualités), '' otherwise."""
    here = output_file.removesuffix(INDEX)
    if here == item_url:
        return "page"
    if item_url and here.startswith(item_url):
        return "true"
    return ""


def plain_text(fragment: str) -> str:
    # Not Markup.striptags: it turns the typography's no-break spaces into spaces.
    return SPACES.sub(" ", html.unescape(TAG.sub("", fragment))).strip()


def find_sections(text: str) -> list[tuple[str, str]]:
    """(anchor, plain-text title) of each h2 with an id, in document order."""
    return [(anchor, plain_text(title)) for anchor, title in H2.findall(text)]


def split_at_sections(text: str) -> tuple[str, list[tuple[re.Match, str]]]:
    """HTML cut at each h2 with an id: what comes before the first one, then
    each heading with what follows it up to the next one."""
    headings = list(H2.finditer(text))
    if not headings:
        return text, []
    ends = [heading.start() for heading in headings[1:]] + [len(text)]
    bodies = [text[heading.end() : end] for heading, end in zip(headings, ends, strict=True)]
    return text[: headings[0].start()], list(zip(headings, bodies, strict=True))


def find_section_leads(text: str) -> list[tuple[str, str, str]]:
    """(anchor, title, first paragraph's plain text or "") of each h2 with an id."""
    leads = []
    for heading, body in split_at_sections(text)[1]:
        paragraph = PARAGRAPH.search(body)
        lead = plain_text(paragraph.group(1)) if paragraph else ""
        leads.append((heading.group(1), plain_text(heading.group(2)), lead))
    return leads


def long_page_sections(text: str) -> list[tuple[str, str]]:
    """The sections of a long page (find_sections), none for a short one."""
    found = find_sections(text)
    words = len(html.unescape(TAG.sub(" ", text)).split())
    return found if len(found) >= TOC_MIN_SECTIONS and words >= TOC_MIN_WORDS else []


def sections(content: Content) -> list[tuple[str, str]]:
    """A content's sections, from its HTML as written out (after every plugin's work)."""
    return find_sections(content._content or "")


def table_of_contents(content: Content) -> list[tuple[str, str]]:
    """The entries of a content's table of contents: none on a short page."""
    return long_page_sections(content._content or "")


def section_leads(content: Content) -> list[tuple[str, str, str]]:
    return find_section_leads(content._content or "")


def section_parts(content: Content) -> tuple[str, list[tuple[str, str, str]]]:
    """A content's HTML before its first section, then (anchor, the heading's
    HTML, the section's HTML) of each: for a template that sets each section apart.
    From the HTML as pages show it (`content`: its {filename} links resolved)."""
    intro, sections = split_at_sections(content.content or "")
    return intro, [(heading.group(1), heading.group(0), body) for heading, body in sections]


def menu_links(settings: dict, contents: dict[str, Content | None]) -> list[tuple[str, str]]:
    """(label, address from SITEURL) of each menu entry, in order: a page's own
    address (its Slug:, its Url:), so that renaming a page's address cannot break
    the menu. An entry whose page is not there is left out: the content checks
    report it (menu_checks.py) and no page is written."""
    links = []
    for entry in settings.get("SITE", {}).get(MENU, []):
        label, page = entry["label"], entry["page"]
        content = contents.get(page)  # None too for a file that could not be read
        if page in MENU_SECTIONS:
            links.append((label, section_url(page, settings)))
        elif content is not None:
            links.append((label, content.url))
    return links


def add_menu(generators: list[Generator]) -> None:
    """Once every content is read (their addresses known), before any is written;
    every generator shares this context."""
    context = generators[0].context
    context["menu"] = menu_links(generators[0].settings, context["generated_content"])


def made_with(pages: list[Content], template: str) -> list[Content]:
    """`pages | made_with("search")`: the pages made with a template (the search
    page, the contact page…), wherever their editors put them. The header looks
    for the search page on every page: a plain loop, not Jinja's selectattr,
    which prepares its test anew at each call (a tenth of a page's rendering)."""
    return [page for page in pages if page.template == template]


def site_parts(generator: Generator) -> Callable[[str], Markup]:
    """`site_part(name)` for the templates: a part of every page that shows the
    site, never the page (the footer, the feeds' links in the head), rendered
    once per build instead of once per page. It is rendered from the site's own
    context, where a page's names (page, article, output_file…) are undefined:
    a part that came to use one fails the build instead of showing one page's
    value on every page."""
    rendered: dict[str, Markup] = {}

    def site_part(name: str) -> Markup:
        if name not in rendered:
            template = generator.env.get_template(name)
            rendered[name] = Markup(template.render(generator.context))
        return rendered[name]

    return site_part


def add_to_templates(generator: Generator) -> None:
    generator.env.globals.update(aria_current=aria_current, site_part=site_parts(generator))
    generator.env.filters.update(
        made_with=made_with,
        sections=sections,
        section_leads=section_leads,
        section_parts=section_parts,
        table_of_contents=table_of_contents,
    )


def register() -> None:
    signals.generator_init.connect(add_to_templates)
    signals.all_generators_finalized.connect(add_menu)

"""Structured data for search engines: JSON-LD built as Python data from the
site facts and the content, then serialised so that no value (a title with
`</script>`, say) can close the script element. Templates call
organization_json_ld(), article_json_ld(article), event_json_ld(event) and
breadcrumb_json_ld(crumbs, title, url)."""

import json

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator

from plugins.common.french import tel_uri

SCHEMA = "https://schema.org"
EVENT_STATUS = {"cancelled": "EventCancelled", "postponed": "EventPostponed"}
LOGO = "images/logo.png"  # under THEME_STATIC_DIR; square, rendered from the emblem
SHARE_IMAGE = "images/partage.png"  # 1200 x 630, for link previews
# Characters that could end the script element or start markup, as JSON escapes.
SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
# Made once: json.dumps() with options builds an encoder at each call, twice per page.
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_ld(data: dict) -> Markup:
    text = ENCODER.encode({"@context": SCHEMA, **data})
    for character, escape in SCRIPT_SAFE.items():
        text = text.replace(character, escape)
    return Markup(f'<script type="application/ld+json">{text}</script>')


def static_url(context: Context, path: str) -> str:
    return f"{context['SITEURL']}/{context['THEME_STATIC_DIR']}/{path}"


def organization(context: Context) -> dict:
    site, contact = context["SITE"], context["SITE"]["contact"]
    # The first partner is the association the group belongs to (content/site.toml).
    association = site["partners"][0]
    return {
        "@type": "Organization",
        "name": site["name"],
        "alternateName": site["full_name"],
        "url": f"{context['SITEURL']}/",
        "logo": static_url(context, LOGO),
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": contact["role"],
            "name": contact["name"],
            "email": contact["email"],
            "telephone": tel_uri(contact["phone"]).removeprefix("tel:"),
            "availableLanguage": "fr",
        },
        "memberOf": {
            "@type": "Organization",
            "name": association["name"],
            "alternateName": association["full_name"],
            "url": association["url"],
        },
    }


def news_article(context: Context, article: Article) -> dict:
    publisher = {
        "@type": "Organization",
        "name": context["SITE"]["name"],
        "url": f"{context['SITEURL']}/",
        "logo": {"@type": "ImageObject", "url": static_url(context, LOGO)},
    }
    modified = getattr(article, "modified", None) or article.date
    return {
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "articleSection": article.category.name,
        "inLanguage": "fr",
        "mainEntityOfPage": f"{context['SITEURL']}/{article.url}",
        "image": static_url(context, SHARE_IMAGE),
        "author": publisher,
        "publisher": publisher,
    }


def event(context: Context, event) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    if event.address:
        address["streetAddress"] = event.address
    if event.town:
        address["addressLocality"] = event.town
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "eventStatus": f"{SCHEMA}/{EVENT_STATUS.get(event.status, 'EventScheduled')}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": event.place, "address": address},
        "organizer": {
            "@type": "Organization",
            "name": context["SITENAME"],
            "url": f"{context['SITEURL']}/",
        },
        "image": static_url(context, SHARE_IMAGE),
        "url": f"{context['SITEURL']}/{event.url}",
        "inLanguage": "fr",
    }
    if event.end:
        data["endDate"] = event.end.isoformat()
    return data


def breadcrumb(context: Context, crumbs: list[tuple[str, str]], title: str, url: str) -> dict:
    trail = [("Accueil", ""), *crumbs, (title, url)]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": f"{context['SITEURL']}/{link}",
            }
            for position, (name, link) in enumerate(trail, start=1)
        ],
    }


@pass_context
def organization_json_ld(context: Context) -> Markup:
    return json_ld(organization(context))


@pass_context
def article_json_ld(context: Context, article: Article) -> Markup:
    return json_ld(news_article(context, article))


@pass_context
def event_json_ld(context: Context, item) -> Markup:
    return json_ld(event(context, item))


@pass_context
def breadcrumb_json_ld(context: Context, crumbs: list, title: str, url: str) -> Markup:
    return json_ld(breadcrumb(context, crumbs, title, url))


def add_globals(generator: Generator) -> None:
    generator.env.globals.update(
        organization_json_ld=organization_json_ld,
        article_json_ld=article_json_ld,
        breadcrumb_json_ld=breadcrumb_json_ld,
        event_json_ld=event_json_ld,
    )


def register() -> None:
    signals.generator_init.connect(add_globals)

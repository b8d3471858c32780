"""The agenda: events written in Markdown like news (content/agenda/, read and
checked by content_checks, with this plugin's own checks: event_checks.py),
one page each, an agenda page with what is coming, a history page with what is
past (one record per meeting: its report once published, else its own page),
an iCalendar feed (calendar.py) with one .ics per event, and an Atom feed of
announced events. The agenda and the history follow on further pages past
EVENTS_PER_PAGE events, so that no page outgrows the first round trip (14,000
bytes gzipped): the agenda by Pelican's paginator, the history by whole years.
What is "coming", and which news are recent enough for the home page, depend
on the build date, an explicit input (BUILD_DATE, default
today in Europe/Paris) so that two builds of one commit on one day are identical."""

import datetime
import logging
import os
import re
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.contents import Article, Content, Page
from pelican.generators import Generator
from pelican.paginator import Paginator

from plugins.common.french import build_day, french_when, parse_moment
from plugins.common.site_index import LISTING_PAGES

from .calendar import calendar_files
from .event_checks import link_reports

logger = logging.getLogger(__name__)

DEFAULT_EVENT_PATHS = ["agenda"]
FEED_TITLE = "Agenda"
# Events a page of the agenda or of the history lists. Measured (issue 17): a card
# with a 60-character title and a 200-character summary of varied words weighs
# about 126 bytes gzipped, a page without cards about 2,300: 50 cards make
# about 8,600 bytes, room for summaries half as long again under 14,000.
EVENTS_PER_PAGE = 50


# An event's state, as visitors read it, when it no longer takes place as announced.
STATES = {"cancelled": "Annulé", "postponed": "Reporté"}


class Event(Page):
    """An event: a page with a start, an optional end, a place. `start` and `end`
    are dates (whole days) or times; `end` is the last day or the end time."""

    default_template = "event"
    allowed_statuses = ("published", "draft", *STATES)
    # Optional metadata: absent means None, for templates and the calendar alike.
    end = address = town = link = registration = report = report_article = None
    # "past", "under_way" or "upcoming" on the build date (set by the generator).
    timing = "upcoming"
    # The page of the history that lists it, once past (set by the generator).
    history_page: "HistoryPage | None" = None

    def __init__(self, content, metadata=None, settings=None, **kwargs):
        metadata = dict(metadata or {})
        zone = ZoneInfo(settings["TIMEZONE"])
        metadata["start"] = parse_moment(metadata["start"], zone)
        if "end" in metadata:
            metadata["end"] = parse_moment(metadata["end"], zone)
        if "date" not in metadata:  # announced when it happens: the past meetings
            start = metadata["start"]
            day = start.date() if isinstance(start, datetime.datetime) else start
            metadata["date"] = datetime.datetime.combine(day, datetime.time(), zone)
        super().__init__(content, metadata, settings, **kwargs)

    @property
    def first_day(self) -> datetime.date:
        return self.start.date() if isinstance(self.start, datetime.datetime) else self.start

    @property
    def last_day(self) -> datetime.date:
        moment = self.end or self.start
        return moment.date() if isinstance(moment, datetime.datetime) else moment

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime.datetime)

    @property
    def state(self) -> str | None:
        """« Annulé », « Reporté », or None for an event that takes place."""
        return STATES.get(self.status)

    @property
    def ics_url(self) -> str:
        return f"{self.url}{self.slug}.ics"

    @property
    def record(self) -> Content:
        """What tells of this event in listings: its report once published, else itself."""
        return self.report_article or self


def timing(event: Event, today: datetime.date) -> str:
    if event.last_day < today:
        return "past"
    return "under_way" if event.first_day <= today else "upcoming"


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (29 February gives the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def recent(articles: list[Article], today: datetime.date) -> list[Article]:
    """The news of the twelve months up to `today` (and any dated later), in their order."""
    since = year_before(today)
    return [article for article in articles if article.date.date() >= since]


# Past events by year, oldest first: [(2006, [event, …]), …].
Years = list[tuple[int, list[Event]]]


def years_span(by_year: Years) -> str:
    """« 2006 à 2015 », or « 2016 » for one year."""
    first, last = by_year[0][0], by_year[-1][0]
    return str(first) if first == last else f"{first} à {last}"


def history_title(by_year: Years) -> str:
    """The years the past meetings span: « depuis 2006 » would say the group still
    meets when the last meeting on the site may be years old."""
    return f"Les réunions de {years_span(by_year)}" if by_year else "Les réunions passées"


@dataclass
class HistoryPage:
    """A page of the history: whole years of past meetings, oldest first."""

    number: int
    url: str
    save_as: str
    by_year: Years

    @property
    def years(self) -> str:
        return years_span(self.by_year)

    @property
    def title(self) -> str:
        return history_title(self.by_year)


def history_parts(by_year: Years, per_page: int) -> list[Years]:
    """Whole years in parts of at most `per_page` events (a year with more fills
    a part alone), oldest first: a page then says which years it holds, and a
    meeting added moves no earlier year to another page."""
    parts: list[Years] = []
    for year, events in by_year:
        if parts and sum(len(listed) for _, listed in parts[-1]) + len(events) <= per_page:
            parts[-1].append((year, events))
        else:
            parts.append([(year, events)])
    return parts


def history_pages(by_year: Years, settings: dict) -> list[HistoryPage]:
    """The history's pages, the first at HISTORY_URL (even with nothing past yet),
    the next at HISTORY_PAGE_URL (« historique/2/ »); each event listed learns its page."""
    per_page = settings.get("AGENDA_EVENTS_PER_PAGE", EVENTS_PER_PAGE)
    pages = []
    for number, part in enumerate(history_parts(by_year, per_page) or [[]], start=1):
        url, save_as = settings["HISTORY_URL"], settings["HISTORY_SAVE_AS"]
        if number > 1:
            url = settings["HISTORY_PAGE_URL"].format(number=number)
            save_as = settings["HISTORY_PAGE_SAVE_AS"].format(number=number)
        pages.append(HistoryPage(number, url, save_as, part))
        for _, events in part:
            for event in events:
                event.history_page = pages[-1]
    return pages


class AgendaGenerator(Generator):
    """Reads content/agenda/, then writes the event pages, the agenda page and the feeds."""

    def __init__(self, *args, **kwargs) -> None:
        # Its own reading cache, as Pelican's generators of articles and pages have
        # (used by the preview: bimoc/build.py's `cache`).
        super().__init__(*args, readers_cache_name="AgendaGenerator-Readers", **kwargs)

    def generate_context(self) -> None:
        self.events: list[Event] = []
        self.drafts: list[Event] = []
        for path in self.get_files(self.settings.get("EVENT_PATHS", DEFAULT_EVENT_PATHS)):
            try:
                event = self.readers.read_file(
                    base_path=self.path,
                    path=path,
                    content_class=Event,
                    context=self.context,
                    # Pages' metadata handlers (the french plugin's slugs) apply to events too.
                    context_signal=signals.page_generator_context,
                    context_sender=self,
                )
            except Exception as error:
                # Content errors are already reported; anything else surfaces in the build.
                logger.error("Could not process %s: %r", os.path.join(self.path, path), error)
                self._add_failed_source_path(path)
                continue
            self.add_source_path(event)
            (self.drafts if event.status == "draft" else self.events).append(event)
        self.readers.save_cache()
        today = build_day(self.settings)
        self.events.sort(key=lambda event: (event.first_day, str(event.start), event.slug))
        for event in self.events + self.drafts:
            event.timing = timing(event, today)
        upcoming = [event for event in self.events if event.timing != "past"]  # or under way
        past = [event for event in self.events if event.timing == "past"]  # oldest first
        by_year = [(year, list(group)) for year, group in groupby(past, lambda e: e.first_day.year)]
        pages = history_pages(by_year, self.settings)
        self.context.setdefault(LISTING_PAGES, []).extend(
            (page.url, page.save_as, f"la page « {page.title} » de l’historique")
            for page in pages[1:]
        )
        self.context.update(
            events=self.events,
            upcoming_events=upcoming,
            history_by_year=by_year,
            history_title=history_title(by_year),
            history_pages=pages,
            BUILD_DATE=today,
            # The calendar as a subscription: calendar apps open webcal:// addresses.
            AGENDA_WEBCAL=re.sub(
                r"^https?://",
                "webcal://",
                f"{self.context['SITEURL']}/{self.settings['AGENDA_ICS']}",
            ),
        )

    def generate_output(self, writer) -> None:
        write = writer.write_file
        previewed = [draft for draft in self.drafts if draft.save_as]  # none in production
        for event in self.events + previewed:
            write(
                event.save_as,
                self.get_template(event.template),
                self.context,
                event=event,
                page=event,
            )
        settings = self.settings
        agenda = Paginator(
            settings["AGENDA_SAVE_AS"],
            settings["AGENDA_URL"],
            self.context["upcoming_events"],
            settings,
            settings.get("AGENDA_EVENTS_PER_PAGE", EVENTS_PER_PAGE),
        )
        for number in agenda.page_range:
            page = agenda.page(number)
            write(page.save_as, self.get_template("agenda"), self.context, upcoming_page=page)
        for part in self.context["history_pages"]:
            write(part.save_as, self.get_template("history"), self.context, history_page=part)
        siteurl = self.context["SITEURL"]
        if settings.get("WRITE_ONLY") is None:  # the preview's first pass writes pages only
            calendar_files(
                self.output_path, settings["AGENDA_ICS"], self.events, siteurl, settings, previewed
            )
        for event in self.events:
            place = ", ".join(filter(None, (event.place, event.town)))
            state = f"{event.state} — " if event.state else ""
            event.announcement = f"{state}{french_when(event.start, event.end)} — {place}"
            event.feed_title = f"{event.state}\u00a0: {event.title}" if event.state else event.title
        announced = sorted(self.events, key=lambda event: event.date, reverse=True)
        description = f"Les rendez-vous annoncés par {self.context['SITENAME']}."
        writer.write_feed(
            announced,
            {**self.context, "FEED_DESCRIPTION": description},
            settings["AGENDA_FEED_ATOM"],
            feed_type="atom",
            feed_title=FEED_TITLE,
        )


def get_generators(_pelican) -> type[Generator]:
    return AgendaGenerator


def link_event_reports(generators: list[Generator]) -> None:
    """Once all content is read: each event's report, checked and linked (the
    report then knows its meeting), and the news recent enough for the home page."""
    for generator in generators:
        if isinstance(generator, AgendaGenerator):
            context = generator.context
            generated = context["generated_content"]
            for content in generated.values():
                if isinstance(content, Article):
                    content.meeting = None  # the event it reports on, if any (link_reports)
            link_reports(generator.events + generator.drafts, generated)
            context["recent_articles"] = recent(context.get("articles", []), context["BUILD_DATE"])


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(link_event_reports)

"""The benchmark's corpus: news items like real ones (about 430 words, two or
three headings, a list, three links: another news item, a page, another site;
the site's three categories), one event per ten news items, ten pages. The
same every time (a fixed seed): runs on two machines compare."""

import random
from pathlib import Path

CATEGORIES = ("Actualités", "Comptes rendus", "Formations")  # content/site.toml's
PAGES = 10
EVENTS_PER_NEWS = 10
WORDS = (
    "la médiathèque accueille les bibliothécaires musicaux de la région pour une journée "
    "d’échanges sur les collections de disques partitions et ressources numériques ; "
    "l’équipe présente son fonds de musique enregistrée, le classement PCDM, les acquisitions "
    "de l’année et les animations proposées aux publics : concerts, ateliers, rencontres avec "
    "des musiciens du territoire et qu’il s’agisse de jazz, de musiques traditionnelles "
    "occitanes ou de chanson française, chacun trouve sa place dans les bacs"
).split()


def day(number: int) -> str:
    """Dates spread over 2010–2024, every month."""
    return f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def news(rng: random.Random, number: int, total: int) -> str:
    other = rng.randrange(total)
    header = [
        f"Title: Nouvelle n°{number} : {rng.choice(WORDS)} et {rng.choice(WORDS)}",
        f"Date: {day(number)}",
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}",
        f"Slug: nouvelle-{number}",
        f"Summary: {sentence(rng, 20)}",
    ]
    body = [
        sentence(rng, 75),
        f"## {sentence(rng, 4)}",
        f"{sentence(rng, 85)} Voir [la nouvelle n°{other}]"
        f"({{filename}}/actualites/nouvelle-{other}.md).",
        "\n".join(f"- {sentence(rng, 8)}" for _ in range(3)),
        f"## {sentence(rng, 3)}",
        f"{sentence(rng, 85)} Le site de l’[ACIM](https://www.acim.asso.fr/) en parle.",
        *([f"## {sentence(rng, 3)}"] if number % 2 else []),
        f"{sentence(rng, 75)} Voir la page [Qui sommes-nous]({{filename}}/pages/page-0.md).",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def event(rng: random.Random, number: int) -> str:
    when = day(number)
    return (
        f"Title: Rendez-vous n°{number}\nSlug: rendez-vous-{number}\n"
        f"Start: {when} 09:30\nEnd: {when} 16:30\nPlace: Médiathèque\nTown: Toulouse\n"
        f"Summary: {sentence(rng, 15)}\n\n{sentence(rng, 80)}\n"
    )


def corpus(folder: Path, articles: int) -> Path:
    """content/ with `articles` news items, in `folder`."""
    rng = random.Random(17)
    content = folder / "content"
    for name in ("actualites", "pages", "agenda"):
        (content / name).mkdir(parents=True)
    for number in range(PAGES):
        text = "\n\n".join(sentence(rng, 80) for _ in range(4))
        page = f"Title: Page n°{number}\nSlug: page-{number}\n\n{text}\n"
        (content / "pages" / f"page-{number}.md").write_text(page, encoding="utf-8")
    for number in range(articles):
        text = news(rng, number, articles)
        (content / "actualites" / f"nouvelle-{number}.md").write_text(text, encoding="utf-8")
    for number in range(articles // EVENTS_PER_NEWS):
        text = event(rng, number)
        (content / "agenda" / f"evenement-{number}.md").write_text(text, encoding="utf-8")
    return content

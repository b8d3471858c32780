// Search on the "Rechercher" page with Pagefind's index (pagefind/): as the
// visitor types or picks a type of content, the status says how many results
// there are in all, and the list shows them PAGE at a time (title, type and
// date, excerpt), the "Voir plus de résultats" button adding the next ones.
// Without JavaScript the page says so and points to the site map.
const PAGE = 10;
// Exact words first. Pagefind also finds the longer words that start like the
// query's stem (« médiatique » → « médiat » → « médiathèque »). Its defaults
// ranked the page about the scheme « Médiatique » 5th, behind four pages with
// « médiathèque » in their title: words close in length to the query's now
// weigh more (termSimilarity 1 → 5), and a title match, which Pagefind counts
// whatever the word's length, adds less (title 5 → 1; a title is the page's
// <h1>, already weighted in its text).
const RANKING = { termSimilarity: 5, metaWeights: { title: 1 } };
// Elided words (l’, d’, qu’…), dropped from the query: plugins/search/search.py
// cuts the same list from the words they precede in the index.
const ELISION = /(?<![\p{L}\p{N}_'’])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’](?=[\p{L}\p{N}])/giu;
// The space the index adds after an elision, with its word joiner (the copy of
// the pages that Pagefind reads has no other word joiner).
const ADDED_SPACE = /\u2060\s?/g;
const NNBSP = "\u202f"; // inside « » (French typography)

const form = document.querySelector("[data-search-form]");
const input = form.elements.q;
const types = form.querySelector("[data-search-types]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const pagefind = await import(form.dataset.index);
await pagefind.options({ excerptLength: 30, ranking: RANKING });
types.hidden = false;

let latest = 0; // the newest search: an older one that ends later never replaces it
let shown = { results: [], count: 0 }; // the results on screen, how many are listed

const asWritten = (text) => text.replace(ADDED_SPACE, "");
const quoted = (text) => `«${NNBSP}${text.trim()}${NNBSP}»`;

// A result's type, from the date the templates give Pagefind with it
// (data-pagefind-meta): a news item's publication, an event's date, none for a page.
// Not a Pagefind filter: Pagefind 1.5.2 writes filters in a random order, so two
// builds of one site would differ (Pagefind#638), and metadata is searched, so a
// "type: Page" field would make « page » find every page.
function typeOf(result) {
  if (result.meta.published) return "Actualité";
  return result.meta.when ? "Rendez-vous" : "Page";
}

function card(result) {
  const item = document.createElement("li");
  item.className = "card flow";
  const title = document.createElement("h2");
  title.className = "card__title";
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = asWritten(result.meta.title);
  title.append(link);
  const about = document.createElement("p");
  about.className = "card__meta";
  about.textContent = [typeOf(result), result.meta.published || result.meta.when]
    .filter(Boolean)
    .join(" · ");
  const excerpt = document.createElement("p");
  excerpt.innerHTML = asWritten(result.excerpt); // Pagefind's own escaping, <mark> around matches
  item.append(title, about, excerpt);
  return item;
}

const chosen = () => form.querySelector("input[name=type]:checked");

// The results of the chosen type: each one's data is needed to know it.
async function ofChosenType(results) {
  const type = chosen()?.value;
  if (!type) return results;
  const data = await Promise.all(results.map((result) => result.data()));
  return data.filter((result) => typeOf(result) === type).map((result) => ({ data: () => result }));
}

function summary(count, query) {
  const type = chosen();
  const among = type?.value ? ` parmi ${type.parentElement.textContent.trim()}` : "";
  if (!count) return `Aucun résultat pour ${quoted(query)}${among}.`;
  return `${count} résultat${count > 1 ? "s" : ""} pour ${quoted(query)}${among}`;
}

// Lists the next PAGE results on screen; when the visitor asked for them, the
// first one added takes the focus.
async function showMore(focus) {
  const current = shown;
  const next = current.results.slice(current.count, current.count + PAGE);
  const data = await Promise.all(next.map((result) => result.data()));
  if (current !== shown) return; // a newer search replaced these results meanwhile
  const cards = data.map(card);
  list.append(...cards);
  current.count += cards.length;
  more.hidden = current.count >= current.results.length;
  if (focus && cards.length) cards[0].querySelector("a").focus();
}

async function show(query) {
  const number = ++latest;
  const words = query.replace(ELISION, "").trim();
  const search = words ? await pagefind.debouncedSearch(words) : { results: [] };
  if (search === null || number !== latest) return; // a newer query is on its way
  const results = await ofChosenType(search.results);
  if (number !== latest) return;
  shown = { results, count: 0 };
  list.replaceChildren();
  await showMore(false);
  if (number === latest) status.textContent = words ? summary(results.length, query) : "";
}

// The address keeps the query and the type, so that a list of results can be
// shared or reloaded.
function remember() {
  const address = new URLSearchParams({ q: input.value });
  if (chosen()?.value) address.set("type", chosen().value);
  history.replaceState(null, "", `?${address}`);
}

input.addEventListener("input", () => show(input.value));
types.addEventListener("change", () => {
  remember();
  show(input.value);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  remember();
  show(input.value);
});
more.addEventListener("click", () => showMore(true));
// The query of the address (?q=, the header's form), else what the visitor
// typed while Pagefind was loading: on a slow phone, those keys came first.
const asked = new URLSearchParams(location.search);
if (asked.get("q")) input.value = asked.get("q");
const askedType = [...form.elements.type].find((radio) => radio.value === asked.get("type"));
if (askedType) askedType.checked = true;
if (input.value.trim()) show(input.value);

// Search on the "Rechercher" page with Pagefind's index (pagefind/): as the
// visitor types or picks a type of content, the status says how many results
// there are in all, and the list shows them PAGE at a time (title, type and
// date, excerpt), the "Voir plus de résultats" button adding the next ones;
// with none, the page offers others to turn to. Without JavaScript the page
// says so and points to the site map.
const PAGE = 10;
const EXCERPT = 30; // words
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
const WORD_JOINER = "\u2060";
const ADDED_SPACE = /\u2060\s?/g;
const NNBSP = "\u202f"; // inside « » (French typography)
// For a word it does not know, Pagefind finds the pages with the longest known
// word that the query starts with: « adhérer » found « à » in 22 pages, « Séverac »
// « se », « participer » « part ». A result stays only if each word asked is close
// to a word it matched: one that starts with its first 60 % (French endings:
// « réunions » finds « réunion », « médiathèques » « médiathèque », a word being
// typed the longer ones; « participer » and « part » share 40 %).
const SHARED = 0.6;

const form = document.querySelector("[data-search-form]");
const input = form.elements.q;
const types = form.querySelector("[data-search-types]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const help = document.querySelector("[data-search-help]");
const pagefind = await import(form.dataset.index);
await pagefind.options({ ranking: RANKING });
types.hidden = false;

let latest = 0; // the newest search: an older one that ends later never replaces it
let shown = { results: [], count: 0 }; // the results on screen, how many are listed

const asWritten = (text) => text.replace(ADDED_SPACE, "");
const quoted = (text) => `«${NNBSP}${text.trim()}${NNBSP}»`;

// The words of a text as compared: no elision, accent or capital, cut at all
// but letters and digits (« l’ACIM. » → acim; « Tarn-et-Garonne » → tarn, et, garonne).
const wordsOf = (text) =>
  text
    .replace(ELISION, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

const isClose = (sought, found) =>
  found.startsWith(sought.slice(0, Math.ceil(sought.length * SHARED)));

// Whether a result says each word sought: the words at its locations in the
// text, and in the metadata it matched (a news item's date, an event's place).
function says(result, data, text, sought) {
  const located = data.locations.map((location) => text[location]);
  const meta = (result.matchedMetaFields ?? []).map((field) => data.meta[field]);
  const found = [...located, ...meta].filter(Boolean).flatMap(wordsOf);
  return sought.every((word) => found.some((other) => isClose(word, other)));
}

// The part of a page to show and link to (Pagefind's sub-results: the top of
// the page and each section with a heading): the one whose heading is most made
// of the words asked (« L’ACIM » for « ACIM », rather than a section that names
// it in passing), else the one where they weigh most; the top of the page when
// only its metadata matched.
function bestPart(data, sought) {
  const share = (part) => {
    const heading = wordsOf(asWritten(part.title ?? ""));
    const asked = heading.filter((word) => sought.some((one) => isClose(one, word)));
    return asked.length / (heading.length || 1);
  };
  const weight = (part) =>
    part.weighted_locations.reduce((sum, location) => sum + location.balanced_score, 0);
  const parts = [...data.sub_results];
  parts.sort((one, other) => share(other) - share(one) || weight(other) - weight(one));
  return parts[0] ?? data;
}

// A result's type, from the date the templates give Pagefind with it
// (data-pagefind-meta): a news item's publication, an event's date, none for a page.
// Not a Pagefind filter: Pagefind 1.5.2 writes filters in a random order, so two
// builds of one site would differ (Pagefind#638), and metadata is searched, so a
// "type: Page" field would make « page » find every page.
function typeOf(data) {
  if (data.meta.published) return "Actualité";
  return data.meta.when ? "Rendez-vous" : "Page";
}

// What a result shows, read from its data at once: Pagefind keeps one copy of
// each page's data, which the next search changes.
function entry(result, data, sought) {
  const text = data.content.split(/\s+/); // words as Pagefind counts their locations
  const part = bestPart(data, sought);
  return {
    relevant: says(result, data, text, sought),
    type: typeOf(data),
    url: part.url,
    title: asWritten(data.meta.title),
    // A news item's category (« Comptes rendus »), else its type; then its date.
    about: [data.meta.category || typeOf(data), data.meta.published || data.meta.when]
      .filter(Boolean)
      .join(" · "),
    excerpt: excerptOf(text, data.locations, part),
  };
}

// The excerpt of the part shown: EXCERPT words from the start of the sentence
// of its first matched word (Pagefind centres its own, which began a section's
// excerpt inside its heading: « associé de l’ACIM. Le conseil… »), the matched
// words marked without the punctuation Pagefind's words keep (« <mark>ACIM</mark>. »).
function excerptOf(text, locations, part) {
  const first = part.locations.length ? Math.min(...part.locations) : 0;
  let start = first;
  while (start > 0 && first - start < EXCERPT / 2 && !/[.!?…]$/.test(text[start - 1])) start -= 1;
  const excerpt = document.createElement("p");
  for (let at = start; at < Math.min(start + EXCERPT, text.length); at += 1) {
    // An elision the index cut from its word ends with the joiner: joined again.
    if (at > start && !text[at - 1].endsWith(WORD_JOINER)) excerpt.append(" ");
    const word = text[at].replace(WORD_JOINER, "");
    const [, before, core, after] = word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
    if (locations.includes(at) && core) {
      const mark = document.createElement("mark");
      mark.textContent = core;
      excerpt.append(before, mark, after);
    } else {
      excerpt.append(word);
    }
  }
  return excerpt;
}

function card(result) {
  const item = document.createElement("li");
  item.className = "card flow";
  const title = document.createElement("h2");
  title.className = "card__title";
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.title;
  title.append(link);
  const about = document.createElement("p");
  about.className = "card__meta";
  about.textContent = result.about;
  item.append(title, about, result.excerpt);
  return item;
}

const chosen = () => form.querySelector("input[name=type]:checked");

function summary(count, query) {
  const type = chosen();
  const among = type?.value ? ` parmi ${type.parentElement.textContent.trim()}` : "";
  if (!count) return `Aucun résultat pour ${quoted(query)}${among}.`;
  return `${count} résultat${count > 1 ? "s" : ""} pour ${quoted(query)}${among}`;
}

// Lists the next PAGE results on screen; when the visitor asked for them, the
// first one added takes the focus.
function showMore(focus) {
  const cards = shown.results.slice(shown.count, shown.count + PAGE).map(card);
  list.append(...cards);
  shown.count += cards.length;
  more.hidden = shown.count >= shown.results.length;
  if (focus && cards.length) cards[0].querySelector("a").focus();
}

// Every result's data is read, to keep the relevant ones of the chosen type and
// count them truly.
async function show(query) {
  const number = ++latest;
  const words = query.replace(ELISION, "").trim();
  const search = words ? await pagefind.debouncedSearch(words) : { results: [] };
  if (search === null || number !== latest) return; // a newer query is on its way
  const sought = wordsOf(words);
  const entries = await Promise.all(
    search.results.map((result) => result.data().then((data) => entry(result, data, sought))),
  );
  if (number !== latest) return;
  const type = chosen()?.value;
  const results = entries.filter((found) => found.relevant && (!type || found.type === type));
  shown = { results, count: 0 };
  list.replaceChildren();
  showMore(false);
  status.textContent = words ? summary(results.length, query) : "";
  help.hidden = !words || results.length > 0;
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

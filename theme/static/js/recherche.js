// Search on the "Rechercher" page with Pagefind's index (pagefind/): the results
// (title, date, excerpt) replace the list as the visitor types. Without
// JavaScript the page says so and points to the site map.
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const list = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");
const pagefind = await import(form.dataset.index);
await pagefind.options({ excerptLength: 30 });

function card(result) {
  const item = document.createElement("li");
  item.className = "card";
  const title = document.createElement("h2");
  title.className = "card__title";
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title;
  title.append(link);
  item.append(title);
  if (result.meta.date) {
    const date = document.createElement("p");
    date.className = "card__meta";
    date.textContent = result.meta.date;
    item.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.innerHTML = result.excerpt; // Pagefind's own escaping, with <mark> around matches
  item.append(excerpt);
  return item;
}

async function show(query) {
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const search = await pagefind.debouncedSearch(query);
  if (search === null) return; // a newer query is on its way
  const results = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  const count = results.length;
  status.textContent = count ? `${count} résultat${count > 1 ? "s" : ""}` : "Aucun résultat.";
  list.replaceChildren(...results.map(card));
}

input.addEventListener("input", () => show(input.value));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  show(input.value);
});
// The query of the address (?q=, the header's form), else what the visitor
// typed while Pagefind was loading: on a slow phone, those keys came first.
const asked = new URLSearchParams(location.search).get("q");
if (asked) input.value = asked;
if (input.value.trim()) show(input.value);

"""Every page fits the first TCP round trip: HTML and CSS sizes, gzipped."""

import gzip

MAX_HTML_GZIP = 14_000  # bytes, per page
MAX_CSS_GZIP = 10_000  # bytes, all stylesheets together


def gzipped_size(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_every_html_page_is_small(site):
    sizes = {site.url_of(path): gzipped_size(path) for path in site.html_files()}
    assert len(sizes) > 20
    assert {url: size for url, size in sizes.items() if size > MAX_HTML_GZIP} == {}


def test_stylesheets_are_small(site):
    # Pagefind writes its own UI stylesheets too; the site never loads them.
    stylesheets = [path for path in site.root.rglob("*.css") if "pagefind" not in path.parts]
    assert len(stylesheets) == 1, "one bundled stylesheet"
    assert sum(gzipped_size(path) for path in stylesheets) <= MAX_CSS_GZIP

"""The Content-Security-Policy of the site: written into .htaccess by this
plugin and sent by the preview server (bimoc/serve.py), so that what works in
the preview works on the live site."""

# No inline style or script, nothing from another host (quality.md).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Pagefind runs WebAssembly (in the page and in its worker): the search page and
# Pagefind's own files alone may compile it.
SEARCH_INDEX = "/pagefind/"  # the search plugin's output folder
SEARCH_PATHS = ("/rechercher/", SEARCH_INDEX)
SEARCH_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)

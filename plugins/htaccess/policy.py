"""The Content-Security-Policy of the site: written into .htaccess by this
plugin, into every page's <meta> (for a host without mod_headers) and sent by
the preview server (bimoc/serve.py), so that what works in the preview works
on the live site."""

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
# The editors' interface (plugins/cms, Sveltia CMS) needs more, there only; each
# directive, and why (checked in Chromium: tests/test_cms_browser.py):
ADMIN_PATHS = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        # Its script and the parts it loads when needed, its fonts (admin/assets/):
        # the site's own files, no CDN (plugins/cms/bundle.py).
        "script-src 'self'",
        "font-src 'self'",
        # Svelte puts each component's CSS in a <style> and sets style attributes.
        "style-src 'self' 'unsafe-inline'",
        # A photo picked or uploaded is shown from a blob: (or data:) address before it
        # is saved; what GitHub serves from its content hosts (the editor's avatar).
        "img-src 'self' blob: data: https://*.githubusercontent.com",
        # Its configuration (admin/config.json, editor.json); GitHub's API (files,
        # commits) and status page (an outage is announced); blob: and data: to read
        # back a picked file.
        "connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com",
        # The preview is a blob: frame holding the site's own stylesheet, which sets
        # its base address to the site's.
        "frame-src blob:",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# An SVG opened on its own is a document that could run script: sandboxed.
SVG_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; sandbox"
# Directives a <meta> cannot carry: browsers ignore them there (CSP Level 3, §3.3).
META_IGNORED = ("frame-ancestors", "report-uri", "sandbox")
# The FTP publisher uploads each file under this suffix, then renames it: never served.
TEMPORARY_UPLOAD_SUFFIX = ".bimoc-tmp"


def page_policy(path: str) -> str:
    """The policy of the page at a site path ('/rechercher/' gets Pagefind's,
    '/admin/' the editors' interface's; an .svg file, the sandbox: as .htaccess
    has Apache send them)."""
    path = "/" + path.split("?")[0].lstrip("/")
    if path.lower().endswith(".svg"):
        return SVG_CONTENT_SECURITY_POLICY
    if path.startswith(ADMIN_PATHS):
        return ADMIN_CONTENT_SECURITY_POLICY
    return (
        SEARCH_CONTENT_SECURITY_POLICY if path.startswith(SEARCH_PATHS) else CONTENT_SECURITY_POLICY
    )


def meta_policy(policy: str) -> str:
    """`policy` without what a <meta http-equiv> cannot carry."""
    directives = [directive.strip() for directive in policy.split(";")]
    return "; ".join(d for d in directives if d and d.split()[0] not in META_IGNORED)

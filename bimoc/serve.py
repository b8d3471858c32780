"""Preview for editors: build, serve the site at http://127.0.0.1:8000 (or the
next free port) and rebuild on every change. A failed rebuild shows its problems
in the terminal and, as a banner, in the browser; the last good build stays
served. Open tabs reload by themselves when their page changes.

A save answers fast at any size: Pelican keeps what it read of each file (the
build's `preview` cache), a first pass writes only the pages open in the
browser and those of the saved files, then the whole site is built, and the
search index renewed, while the editor already reads the change.

The server sends the production Content-Security-Policy (the htaccess plugin's,
which writes it into .htaccess), so what works here works on the live site; the
tests serve the site with it too. What the preview adds to pages (the reload
script, the banner) is added as they are served, never written to output/."""

import argparse
import errno
import hashlib
import html
import re
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from queue import Queue
from urllib.parse import parse_qs, unquote, urlsplit

from watchfiles import watch

from bimoc.build import DEFAULT_OUTPUT, ROOT
from bimoc.rebuilds import Builder, next_batch, saved_files
from plugins import ADMIN_PATHS, page_policy

HOST = "127.0.0.1"
PORT = 8000
PORTS_TRIED = 20  # a busy port: the next ones, up to PORT + 19
WATCHED_FOLDERS = ["theme", "plugins"]  # with the content folder
# Top-level files, watched through the project folder itself: an editor's editor
# that saves by writing a new file and renaming it would leave a watch on the
# file itself pointing at the replaced one.
WATCHED_FILES = {"pelicanconf.py", "publishconf.py"}
PREVIEW_PATH = "/__apercu/"  # the preview's own files; no page of the site lives there
PREVIEW_FILES = Path(__file__).parent / "apercu"
TYPES = {"reload.js": "text/javascript", "apercu.css": "text/css"}
OPEN_FOR = 2.0  # s: a page whose tab asked for news this recently is open
NO_BUILD_YET = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
    "<title>Aperçu</title></head><body><main><h1>Le site n’a pas encore été construit"
    "</h1></main></body></html>"
)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site with its CSP; a missing page gets the site's own 404 page."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", page_policy(self.path))
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        self.send_page(404, page.read_text(encoding="utf-8"))

    def send_page(self, code: int, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass  # one line per request drowns the build messages editors need to see


@dataclass
class Preview:
    """What the open tabs need: the last build's problems, and which pages they show."""

    output: Path
    problems: list[str] = field(default_factory=list)
    shown: dict[str, float] = field(default_factory=dict)  # output file → when last asked

    def update(self, problems: list[str]) -> None:
        self.problems = problems

    def version(self, name: str, text: str | None = None) -> str:
        """What a tab on the page written to `name` shows (`text`, when served):
        that page and the problems. A tab reloads when that changes, not at
        every build."""
        if text is None:
            file = self.output / name
            text = file.read_text(encoding="utf-8") if file.is_file() else "404"
        digest = hashlib.sha1(text.encode())
        digest.update("\n".join(self.problems).encode())
        return digest.hexdigest()[:16]

    def ask(self, name: str) -> str:
        """A tab on `name` asks whether to reload: the page is open."""
        self.shown[name] = time.monotonic()
        return self.version(name)

    def open_pages(self) -> list[str]:
        now = time.monotonic()
        return sorted(name for name, asked in self.shown.items() if now - asked < OPEN_FOR)

    def banner(self) -> str:
        if not self.problems:
            return ""
        count = len(self.problems)
        items = "".join(f"<li>{html.escape(problem)}</li>" for problem in self.problems)
        return (
            '<div class="apercu-erreur" role="alert"><p><strong>La dernière modification '
            f"n’a pas pu être construite ({count} problème{'s' if count > 1 else ''})"
            "</strong>&nbsp;: cette page est la dernière version réussie. Corrigez puis "
            f"enregistrez&nbsp;; l’aperçu se met à jour tout seul.</p><ul>{items}</ul></div>"
        )

    def inject(self, page: str, name: str, found: bool) -> str:
        """The page with the reload script, and the banner when the build failed."""
        version = self.version(name, page if found else None)
        head = (
            f'<link rel="stylesheet" href="{PREVIEW_PATH}apercu.css">'
            f'<script src="{PREVIEW_PATH}reload.js" data-version="{version}"></script>'
        )
        page = page.replace("</head>", head + "</head>", 1)
        return re.sub(r"<body[^>]*>", lambda body: body[0] + self.banner(), page, count=1)


def output_name(path: str) -> str:
    """The output file of an address: '/agenda/' → 'agenda/index.html'."""
    name = unquote(urlsplit(path).path).lstrip("/")
    return name + "index.html" if name.endswith("/") or not name else name


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A tab closed while it was answered: nothing to say in the terminal."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PreviewHandler(SiteHandler):
    """The site as SiteHandler serves it, each page with what Preview adds."""

    def __init__(self, *args, preview: Preview, **kwargs) -> None:
        self.preview = preview  # before: the base class handles the request in __init__
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREVIEW_PATH):
            return self.send_preview_file(path.removeprefix(PREVIEW_PATH))
        file = Path(self.translate_path(self.path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        # The editors' interface is served as it is: reloaded at each rebuild, that is
        # after each save it makes, it would interrupt the editor.
        if file.suffix != ".html" or not file.is_file() or path.startswith(ADMIN_PATHS):
            return super().do_GET()
        self.send_page(200, file.read_text(encoding="utf-8"))

    def send_preview_file(self, name: str) -> None:
        if name == "version":  # ?page=/agenda/: the tab's own page
            page = parse_qs(urlsplit(self.path).query).get("page", ["/"])[0]
            body, kind = self.preview.ask(output_name(page)).encode(), "text/plain"
        elif name in TYPES:
            body, kind = (PREVIEW_FILES / name).read_bytes(), TYPES[name]
        else:
            return super().send_error(404)
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or (Path(self.directory) / "404.html").exists():
            return super().send_error(code, message, explain)
        self.send_page(404, NO_BUILD_YET)  # the first build failed: its banner still shows

    def send_page(self, code: int, text: str) -> None:
        page = self.preview.inject(text, output_name(self.path), found=code == 200)
        super().send_page(code, page)


def free_port() -> int:
    """A port nobody listens on right now, for a throwaway server."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(directory: Path, port: int = PORT) -> Server:
    """Serve `directory` on 127.0.0.1:`port` from a background thread."""
    server = Server((HOST, port), partial(SiteHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def open_server(handler: partial, port: int) -> Server:
    """A server on `port`, or on the next free one, said in French."""
    for candidate in range(port, min(port + PORTS_TRIED, 65536)):
        try:
            server = Server((HOST, candidate), handler)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                continue
            reason = error.strerror
            raise SystemExit(f"Impossible d’ouvrir le port {candidate} : {reason}.") from None
        if candidate != port:
            print(f"Le port {port} est occupé : aperçu sur http://{HOST}:{candidate}/", flush=True)
        return server
    raise SystemExit(
        f"Les ports {port} à {port + PORTS_TRIED - 1} sont tous occupés : "
        "choisissez-en un autre, par exemple make serve PORT=8100."
    )


def changes(content: Path) -> Queue:
    """Each batch of changes to the content, the theme, the plugins or the
    settings, watched from the call on: a save during the first build counts."""
    batches: Queue = Queue()

    def follow(*paths: Path, **options) -> None:
        for batch in watch(*paths, **options):
            batches.put(batch)

    folders = [content, *(ROOT / name for name in WATCHED_FOLDERS)]
    top_level = partial(follow, ROOT, recursive=False)
    threading.Thread(target=follow, args=folders, daemon=True).start()
    threading.Thread(
        target=top_level,
        kwargs={"watch_filter": lambda _, path: Path(path).name in WATCHED_FILES},
        daemon=True,
    ).start()
    return batches


def rebuild(batch: set, batches: Queue, builder: Builder, preview: Preview, content: Path) -> set:
    """Build after changes: a first pass writes the pages open in a tab and the
    saved files' (where one looks next), then the whole site is built unless a
    newer save comes meanwhile. What is left to build (that save's changes and
    these), or nothing."""
    if any(path.endswith(".py") for _, path in batch):
        builder.restart()
    saved, pages = saved_files(batch, content), preview.open_pages()
    if saved or pages:
        preview.update(builder.launch(["--pages", *pages, "--changed", *saved]).problems())
        if preview.problems:  # the whole site would have the same
            return set()
    build = builder.launch()
    while build.running():
        if not batches.empty():
            build.stop()
            return batch
        time.sleep(0.05)
    preview.update(build.problems())
    if not preview.problems:
        builder.index()
    return set()


def port_argument(value: str) -> int:
    """--port, from `make serve PORT=…`: a wrong one said in French."""
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(
            f"« {value} » n’est pas un port : écrivez par exemple 8080"
        )
    return int(value)


def serve(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Aperçu du site BIMOC.")
    parser.add_argument("--port", type=port_argument, default=PORT, help="par défaut : 8000")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="site construit")
    parser.add_argument("--content", type=Path, help="dossier de contenu (par défaut : content/)")
    args = parser.parse_args(argv)
    output, content = args.output.resolve(), args.content.resolve() if args.content else None
    preview = Preview(output)
    server = open_server(partial(PreviewHandler, preview=preview, directory=str(output)), args.port)
    address = f"http://{HOST}:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = content or ROOT / "content"
    batches = changes(folder)
    # Closing the terminal stops the preview as Ctrl+C does: nothing left behind.
    signal.signal(signal.SIGHUP, signal.default_int_handler)
    builder = Builder(output, content, address)
    try:
        preview.update(builder.build())
        print(f"Aperçu du site : {address} (Ctrl+C pour arrêter)", flush=True)
        if (output / "admin" / "cms.js").is_file():  # plugins/cms, installed by `make cms`
            print(
                f"Modifier le site dans le navigateur : {address}admin/ (avec Chrome ou Edge, "
                f"« Travailler avec un dépôt local », puis choisissez le dossier {ROOT})",
                flush=True,
            )
        left: set = set()
        while True:
            batch = left | next_batch(batches, builder)
            print("Modification détectée, reconstruction…", flush=True)
            left = rebuild(batch, batches, builder, preview, folder.resolve())
    except KeyboardInterrupt:
        pass
    finally:
        builder.close()
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    serve()

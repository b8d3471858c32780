"""Preview for editors: build, serve the site at http://127.0.0.1:8000 and rebuild
on every change. A failed rebuild shows its problems and the last good build
stays served. The server sends the production Content-Security-Policy (the
htaccess plugin's, which writes it into .htaccess), so what works here works
on the live site; the tests serve the site with it too."""

import socket
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from bimoc.build import DEFAULT_OUTPUT, ROOT
from plugins import page_policy

HOST = "127.0.0.1"
PORT = 8000
WATCHED = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site with its CSP; a missing page gets the site's own 404 page."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", page_policy(self.path))
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass  # one line per request drowns the build messages editors need to see


def free_port() -> int:
    """A port nobody listens on right now, for a throwaway server."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(directory: Path, port: int = PORT) -> ThreadingHTTPServer:
    """Serve `directory` on 127.0.0.1:`port` from a background thread."""
    server = ThreadingHTTPServer((HOST, port), partial(SiteHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def rebuild() -> None:
    # A fresh process per build: Pelican's logging and plugins keep state.
    subprocess.run([sys.executable, "-m", "bimoc.build"], cwd=ROOT, check=False)


def serve() -> None:
    rebuild()
    server = start_server(DEFAULT_OUTPUT)
    print(f"Aperçu du site : http://{HOST}:{PORT}/ (Ctrl+C pour arrêter)")
    try:
        for _changes in watch(*(ROOT / path for path in WATCHED)):
            print("Modification détectée, reconstruction…")
            rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    serve()

"""Preview for editors: build, serve the site at http://127.0.0.1:8000 and rebuild
on every change. A failed rebuild shows its problems and the last good build
stays served."""

import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from watchfiles import watch

from bimoc.build import DEFAULT_OUTPUT, ROOT

ADDRESS = ("127.0.0.1", 8000)
WATCHED = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"]


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the built site; a missing page gets the site's own 404 page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = DEFAULT_OUTPUT / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def rebuild() -> None:
    # A fresh process per build: Pelican's logging and plugins keep state.
    subprocess.run([sys.executable, "-m", "bimoc.build"], cwd=ROOT, check=False)


def serve() -> None:
    rebuild()
    handler = partial(PreviewHandler, directory=str(DEFAULT_OUTPUT))
    server = ThreadingHTTPServer(ADDRESS, handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Aperçu du site : http://{ADDRESS[0]}:{ADDRESS[1]}/ (Ctrl+C pour arrêter)")
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

"""The preview's builds: each in a fresh process, started ahead of time; after a
save, a first pass writes the pages open in the browser, then the whole site
is built — stopped when a newer save makes it useless — and the search index
renewed once the pages are served (bimoc/incremental.py: what makes them fast)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from queue import Empty, Queue

from bimoc import ROOT
from bimoc.build import replace_folder
from plugins import INDEX_FOLDER

# A build process that waits for its go (a line on stdin: its arguments, JSON) with
# the code loaded.
WARM_BUILD = (
    "import json, sys, bimoc.build, plugins; plugins.preload(); "
    "extra = json.loads(sys.stdin.readline()); bimoc.build.run(sys.argv[1:] + extra)"
)
# The search index, renewed once the pages are served, into a folder put in place
# after; at a lower priority than the builds, which the editor waits for. Stopped,
# it stops Pagefind and removes its copy of the pages.
INDEX = (
    "import os, signal, sys, pathlib, plugins; os.nice(10); "
    "signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM)); "
    "plugins.index_site(*map(pathlib.Path, sys.argv[1:]))"
)
# A build's messages in its stderr: each up to the next one or a blank line.
PROBLEM = re.compile(r"^ERREUR : (.*?)(?=^ERREUR : |^\s*$|\Z)", re.MULTILINE | re.DOTALL)


class Build:
    """One build, running in its own process; its messages read as they come
    (a long list would otherwise fill the pipe and block it)."""

    def __init__(self, process: subprocess.Popen, arguments: list[str]) -> None:
        self.process = process
        self.errors: list[str] = []
        stdin, stderr = process.stdin, process.stderr
        assert stdin and stderr  # (both piped by Builder.start)
        stdin.write(json.dumps(arguments) + "\n")
        stdin.close()
        self.reader = threading.Thread(target=lambda: self.errors.append(stderr.read()))
        self.reader.start()

    def running(self) -> bool:
        return self.process.poll() is None

    def problems(self) -> list[str]:
        """Once finished: its problems, none when it succeeded."""
        self.process.wait()
        self.reader.join()
        errors = "".join(self.errors)
        sys.stderr.write(errors)
        if self.process.returncode == 0:
            return []
        problems = [problem.strip() for problem in PROBLEM.findall(errors)]
        return problems or [errors.strip() or "la construction a échoué sans message"]

    def stop(self) -> None:
        """Made useless by a newer save: the build removes its temporary folder."""
        self.process.terminate()
        self.process.wait()
        self.reader.join()


class Builder:
    """Runs each build in a fresh process (Pelican's logging and plugins keep
    state), started ahead of time with the code imported: a third of a rebuild.
    Two wait, for a save's two passes."""

    def __init__(self, output: Path, content: Path | None, address: str) -> None:
        self.output = output
        self.command = [sys.executable, "-c", WARM_BUILD, "--preview", "--output", str(output)]
        self.command += ["--content", str(content)] if content else []
        # The search index is renewed by the preview itself, once the pages are served.
        self.environment = {
            **os.environ,
            "BIMOC_PREVIEW_URL": address.rstrip("/"),
            "BIMOC_SEARCH_INDEX": "0",
        }
        # What a preview stopped the hard way (killed, the machine turned off) left.
        for leftover in output.parent.glob(f".{output.name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in output.parent.glob(".recherche-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        self.spares = [self.start(), self.start()]
        self.indexer: tuple[subprocess.Popen, Path] | None = None
        self.index_again = False

    def start(self) -> subprocess.Popen:
        return subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.environment,
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def launch(self, arguments: list[str] | None = None) -> Build:
        """A build of the whole site; with arguments, the first pass of a save."""
        build = Build(self.spares.pop(0), arguments or [])
        self.spares.append(self.start())
        return build

    def build(self) -> list[str]:
        """Build the whole site, then its search index; the problems of the build."""
        problems = self.launch().problems()
        if not problems:
            self.index()
        return problems

    def restart(self) -> None:
        """The code changed: the waiting processes imported it as it was."""
        self.close()
        self.spares = [self.start(), self.start()]

    def index(self) -> None:
        """Renew the search index in the background, into a folder put in place
        after; once more when it is done, if the site changed meanwhile."""
        if self.indexer:
            self.index_again = True
            return
        folder = Path(tempfile.mkdtemp(prefix=".recherche-", dir=self.output.parent))
        command = [sys.executable, "-c", INDEX, str(self.output), str(folder)]
        # Silent: a build that replaces the site while it copies the pages fails it,
        # and the next index follows (the pages, not the index, are what editors check).
        quiet = subprocess.DEVNULL
        process = subprocess.Popen(command, cwd=ROOT, stdout=quiet, stderr=quiet)
        self.indexer, self.index_again = (process, folder), False

    def indexed(self) -> None:
        """The index, once made, in place of the last one (called between builds:
        a build takes the last one with it)."""
        if self.indexer and self.indexer[0].poll() is not None:
            process, folder = self.indexer
            self.indexer = None
            if process.returncode == 0:
                replace_folder(folder, self.output / INDEX_FOLDER)
            shutil.rmtree(folder, ignore_errors=True)
            if self.index_again:
                self.index()

    def stop_indexing(self) -> None:
        if self.indexer:
            self.indexer[0].terminate()
            self.indexer[0].wait()
            shutil.rmtree(self.indexer[1], ignore_errors=True)
            self.indexer = None

    def close(self) -> None:
        self.stop_indexing()
        for spare in self.spares:
            spare.kill()
            spare.wait()


def next_batch(batches: Queue, builder: Builder) -> set:
    """The next changes, with all that came meanwhile (one build for them all);
    the search index put in place while waiting."""
    while True:
        try:
            batch = batches.get(timeout=0.1)
            break
        except Empty:
            builder.indexed()
    while not batches.empty():
        batch |= batches.get_nowait()
    return batch


def saved_files(batch: set, content: Path) -> list[str]:
    """The Markdown files of the content folder a batch of changes saved: there
    now (an editor's temporary files come and go; a deleted file has no page)."""
    paths = {Path(path) for _, path in batch if path.endswith(".md")}
    return sorted(str(p) for p in paths if p.is_file() and p.is_relative_to(content))

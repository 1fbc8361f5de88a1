"""make serve: WORKERS Streamlit processes on local ports behind one Caddy on PORT, in the foreground.

It builds the patient guide from the current data first (served under /guide/), starts the workers,
waits until each answers its health check, then starts Caddy with deploy/Caddyfile. A worker that
stops is started again; Ctrl-C or SIGTERM stops every process this started.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import gzip
import hashlib
import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import brotli
import fontTools.subset
import streamlit

from deploy import icon_font
from deploy.streamlit_worker import PortTaken, Worker, free_port, port_is_free, say
from explainer import data_folder, topics
from explainer.outputs import export, first_screen
from explainer.text import DOCUMENT_LANGUAGE_SCRIPT, LANGUAGES, problem_line, t

ROOT = Path(__file__).resolve().parent.parent
CADDYFILE = ROOT / "deploy" / "Caddyfile"
BUILD = ROOT / "build"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hashes(page: str) -> str:
    """CSP hashes of a page's inline scripts: exactly those may run, no other inline script."""
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in INLINE_SCRIPT.findall(page)
    )


def language_script_hashes() -> str:
    """The app's only script of its own: the line that sets the document's language, one per language."""
    return script_hashes("".join(DOCUMENT_LANGUAGE_SCRIPT.format(lang=lang) for lang in LANGUAGES))


def app_csp(start_page: str) -> str:
    """Streamlit's page runs its inline start-up scripts (hashed from the start page the proxy serves),
    needs inline styles and data: or blob: images, and its Vega charts compile expressions ('unsafe-eval').
    Everything else comes from the same origin, and nothing may frame it."""
    return (
        f"default-src 'self'; script-src 'self' 'unsafe-eval' {script_hashes(start_page)} {language_script_hashes()}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "media-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def guide_csp(guide_dir: Path) -> str:
    """The guide runs one known script (the language picker of its first page) and loads nothing else."""
    return (
        f"default-src 'none'; script-src {script_hashes((guide_dir / 'index.html').read_text(encoding='utf-8'))}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


SERVER_ADDRESS_SCRIPT = 'window.__streamlit = { BACKEND_BASE_URL: location.origin + "/" };'
ROBOTS_TXT = "User-agent: *\nDisallow: /_stcore/\nDisallow: /media/\n"


def app_start_pages(target: Path, data_dir: Path | None = None, static: Path | None = None) -> Path:
    """Streamlit's start page once per language, with what Streamlit cannot set itself: the document's
    language (a screen reader picks its voice by it), a title before the app runs, and a description
    for search engines. Its inline script is unchanged, so the CSP hash still holds. And a robots.txt,
    which Streamlit would answer with its page.

    One line of script tells Streamlit's page where its server is (`window.__streamlit`, the setting
    Streamlit reads for a page served apart from its server). Without it, a page opened at /outcomes
    first looks for the server at /outcomes/_stcore/ and logs two failed requests before it finds it.

    A first visit to a topic gets the page with that topic's first screen in it (LANG/TOPIC.html, the
    overview as LANG/overview.html): the topic drawn ahead of time, over the app (which is inert, so
    nothing is read or focused twice) until the app has drawn it, in the cut Source Sans of `static`
    (precompressed_streamlit_static's folder). Consult mode gets the plain page
    (LANG/consult.html), as the other pages index-LANG.html. All made once, when make serve starts."""
    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    target.mkdir(parents=True, exist_ok=True)
    font = next((static / "static" / "media").glob("SourceSansVF-Upright*.woff2")).read_bytes() if static else None
    workers = {**os.environ, "EXPLAINER_GUIDE_URL": "/guide"}  # what the workers are started with
    screens = first_screen.first_screens(data_dir or data_folder.data_dir_from_env(), font=font, environ=workers)
    for lang in LANGUAGES:
        head = f'<meta name="description" content="{html.escape(t(lang, "app.meta_description"))}" />'
        page = (
            index.replace('<html lang="en">', f'<html lang="{lang}">', 1)
            .replace("<title>Streamlit</title>", f"<title>{html.escape(t(lang, 'overview.title'))}</title>\n{head}", 1)
            .replace("</title>", f"</title>\n<script>{SERVER_ADDRESS_SCRIPT}</script>", 1)
        )  # fmt: skip
        (target / f"index-{lang}.html").write_text(page, encoding="utf-8")
        (target / lang).mkdir(exist_ok=True)
        (target / lang / "consult.html").write_text(page, encoding="utf-8")
        # The icons' font (5 KB once cut) comes with the first screen: the app's rows then have their final
        # width when they appear, not a line more while the icons are still words.
        icon_font = re.search(r"url\(\.\./(media/MaterialSymbols-[^)]+\.woff2)\)", _streamlit_styles(index))
        preload = f'<link rel="preload" href="./static/{icon_font[1]}" as="font" type="font/woff2" crossorigin />'
        deferred = _app_scripts_after_first_paint(page)
        for topic in topics.in_app():
            title = html.escape(t(lang, f"app.{topic.app_title}"))
            with_screen = (
                deferred.replace("</title>", f"</title>\n{preload}", 1)
                .replace(f"<title>{html.escape(t(lang, 'overview.title'))}</title>", f"<title>{title}</title>", 1)
                .replace('<div id="root"></div>', f'{screens[(topic.address, lang)]}<div id="root" inert></div>', 1)
            )
            (target / lang / f"{topic.address or 'overview'}.html").write_text(with_screen, encoding="utf-8")
    (target / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")
    return target


APP_SCRIPT = re.compile(r'\s*<script type="module" crossorigin src="(\./static/js/[^"]+\.js)"></script>')
MODULE_PRELOAD = re.compile(r'\s*<link rel="modulepreload" crossorigin href="(\./static/js/[^"]+\.js)">')


def _app_scripts_after_first_paint(page: str) -> str:
    """Streamlit's page with its scripts asked for once the first screen is painted, not in its head: a
    phone on a slow line then spends its first second on the topic, not on 800 KB of the app's scripts.
    One inline script (allowed by its CSP hash, like Streamlit's own) adds them after the first frame that
    has the first screen's own type (its font decoded: its title is not drawn before that, and scripts asked
    for sooner put their downloads ahead of the title on a phone)."""
    main = APP_SCRIPT.search(page)[1]
    preloads = MODULE_PRELOAD.findall(page)
    loader = (
        "document.fonts.ready.then(() => requestAnimationFrame(() => setTimeout(() => {"
        f" for (const href of {json.dumps(preloads)}) {{ const link = document.createElement('link');"
        " link.rel = 'modulepreload'; link.crossOrigin = ''; link.href = href; document.head.append(link); }"
        " const app = document.createElement('script'); app.type = 'module'; app.crossOrigin = '';"
        f" app.src = {json.dumps(main)}; document.head.append(app); }}, 0)));"
    )
    page = MODULE_PRELOAD.sub("", APP_SCRIPT.sub("", page, count=1))
    return page.replace("</body>", f"<script>{loader}</script>\n</body>", 1)


def _streamlit_styles(index: str) -> str:
    """Streamlit's main stylesheet, named by its start page."""
    name = re.search(r'href="\./(static/css/index\.[^"]+\.css)"', index)[1]
    return (Path(streamlit.__file__).parent / "static" / name).read_text(encoding="utf-8")


def app_paths() -> str:
    """The app's own addresses (/, /outcomes ...), for the proxy to tell them from addresses it has not."""
    return " ".join(f"/{topic.address}" for topic in topics.in_app())


STATIC_SUFFIXES = (".js", ".css", ".svg", ".json", ".html", ".txt")


def _compress_beside(path: Path) -> None:
    data = path.read_bytes()
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


# The characters English and Spanish text needs from Streamlit's Source Sans: Latin-1 (á, é, ñ, ¿, ¡, ü),
# typographic punctuation, the euro sign, arrows and the signs <=, >=, about. A character outside these is
# drawn from the next font of the page's font list, glyph by glyph, so nothing goes missing.
SOURCE_SANS_CHARACTERS = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,"
    "U+2190-21FF,U+2212,U+2215,U+2248,U+2260,U+2264-2265,U+FEFF,U+FFFD"
)
# Bumped when what make serve does to Streamlit's files changes, so an older build is made again.
STATIC_BUILD = 3


def _subset_font(path: Path) -> None:
    """Keep the characters above in one of Source Sans's font files (its weights and features kept):
    the upright face goes from 170 KB to 48 KB, a third of what a first visit downloads beyond scripts."""
    fontTools.subset.main(
        [str(path), f"--unicodes={SOURCE_SANS_CHARACTERS}", "--layout-features=*", "--flavor=woff2",
         f"--output-file={path}"]
    )  # fmt: skip


def static_build_folder(build: Path) -> Path:
    """Where this Streamlit version's files are made, named after the icons the app shows (a new one: a new cut)."""
    icons = hashlib.sha256(" ".join(sorted(icon_font.app_icons())).encode()).hexdigest()[:10]
    return build / f"streamlit-static-{streamlit.__version__}-{STATIC_BUILD}-{icons}"


def precompressed_streamlit_static(build: Path) -> Path:
    """Streamlit's content-hashed scripts and styles, each beside its Brotli and gzip forms, made once per
    Streamlit version. Brotli at its best setting is about a fifth smaller than what a proxy compresses
    on the fly, and the proxy then serves these files without asking a worker. Source Sans, which every
    first visit downloads before the app's theme arrives, keeps only the characters the app's languages use,
    and the Material Symbols font only the icons the app shows (375 KB to about 5 KB)."""
    target = static_build_folder(build)
    if (target / ".complete").exists():
        return target
    build.mkdir(parents=True, exist_ok=True)
    building = build / f".streamlit-static-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    shutil.copytree(Path(streamlit.__file__).parent / "static" / "static", building / "static")
    files = [path for path in building.rglob("*") if path.suffix in STATIC_SUFFIXES and path.stat().st_size > 1024]
    fonts = list((building / "static" / "media").glob("SourceSansVF-*.woff2"))
    with concurrent.futures.ProcessPoolExecutor() as pool:
        list(pool.map(_compress_beside, files, chunksize=8))
        list(pool.map(_subset_font, fonts))
    for font in (building / "static" / "media").glob("MaterialSymbols-*.woff2"):
        icon_font.cut_icon_font(font, icon_font.app_icons())
    (building / ".complete").touch()
    try:
        building.rename(target)
    except OSError:  # another make serve finished the same files first
        shutil.rmtree(building, ignore_errors=True)
    return target


class Supervisor:
    """Starts and watches the workers and the proxy; stops them all together."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.stopping = False
        # One secret for every worker (make worker's on other hosts too): a moved session keeps a valid cookie.
        cookie_secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
        environment = {
            **os.environ,
            "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
            "EXPLAINER_GUIDE_URL": "/guide",
        }
        first = args.first_worker_port
        ports = [first + index if first else free_port() for index in range(args.workers)]
        self.workers = [Worker(port, environment) for port in ports]
        self.proxy: subprocess.Popen | None = None

    def build_guide(self) -> Path:
        guide_dir = self.args.build / "guide"
        export.write_site(data_folder.data_dir_from_env(), guide_dir, app_url=self.args.public_url or "/")
        return guide_dir

    def start(self) -> None:
        for worker in self.workers:  # before the slow steps: a taken port is said at once
            if not port_is_free(worker.port):
                raise PortTaken(worker.port)
        say(f"Building the patient guide from {data_folder.data_dir_from_env()} ...")
        guide_dir = self.build_guide()
        if not (static_build_folder(BUILD) / ".complete").exists():
            say("Compressing Streamlit's scripts and cutting its font (once per Streamlit version, about a minute) ...")
        static_dir = precompressed_streamlit_static(BUILD)  # shared by every run of this checkout
        start_pages = app_start_pages(self.args.build / "app", data_folder.data_dir_from_env(), static_dir)
        if self.workers:  # none with --workers 0: the workers are all on other hosts
            say(f"Starting {len(self.workers)} Streamlit workers on 127.0.0.1, ports {self.worker_ports()} ...")
        for worker in self.workers:
            worker.start()
        deadline = time.monotonic() + 90
        while not all(worker.healthy() for worker in self.workers):
            if time.monotonic() > deadline or any(worker.process.poll() is not None for worker in self.workers):
                raise RuntimeError("a Streamlit worker did not start; see its messages above")
            time.sleep(0.3)
        self.proxy = subprocess.Popen(
            ["caddy", "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
            env={
                **os.environ,
                "XDG_DATA_HOME": str(self.args.build / "caddy"),
                "XDG_CONFIG_HOME": str(self.args.build / "caddy"),
                "SCS_PORT": str(self.args.port),
                "SCS_LISTEN_ADDRESS": self.args.listen or "[::]",
                "SCS_UPSTREAMS": " ".join([*(f"127.0.0.1:{w.port}" for w in self.workers), *self.args.upstreams]),
                "SCS_COOKIE_SECRET": secrets.token_hex(16),
                "SCS_GUIDE_DIR": str(guide_dir),
                "SCS_STREAMLIT_STATIC": str(static_dir),
                "SCS_APP_CSP": app_csp(
                    "".join(
                        (start_pages / name).read_text(encoding="utf-8")
                        for name in ("index-en.html", "en/overview.html")
                    )
                ),
                "SCS_GUIDE_CSP": guide_csp(guide_dir),
                "SCS_APP_START_PAGES": str(start_pages),
                "SCS_APP_PATHS": app_paths(),
                "SCS_APP_TOPICS": "|".join(topic.address for topic in topics.in_app() if topic.address),
                "SCS_APP_LANGUAGES": "|".join(LANGUAGES),
            },
        )
        self.write_state()
        if self.args.listen:
            where = f"Serving on http://{self.args.listen}:{self.args.port}/ (only that address)"
        else:
            where = (
                f"Serving on port {self.args.port} of every address of this machine "
                f"(for example http://{socket.gethostname()}:{self.args.port}/ or http://127.0.0.1:{self.args.port}/)"
            )
        say(f"{where} with {self.workers_in_words()}; the patient guide is at /guide/")

    def workers_in_words(self) -> str:
        """This machine's workers and their ports, and those on other hosts, leaving out what there is none of."""
        here = f"{len(self.workers)} Streamlit workers (ports {self.worker_ports()})"
        if not self.args.upstreams:
            return here
        hosts = f"on other hosts ({', '.join(self.args.upstreams)})"
        if not self.workers:
            return f"{len(self.args.upstreams)} Streamlit workers {hosts}"
        return f"{here} and {len(self.args.upstreams)} {hosts}"

    def worker_ports(self) -> str:
        return ", ".join(str(worker.port) for worker in self.workers)

    def write_state(self) -> None:
        """Which process serves which port, for the fault tests and for a clinic's own monitoring."""
        state = {
            "proxy_pid": self.proxy.pid if self.proxy else None,
            "port": self.args.port,
            "workers": [{"port": w.port, "pid": w.process.pid, "restarts": w.restarts} for w in self.workers],
        }
        self.args.build.mkdir(parents=True, exist_ok=True)
        (self.args.build / "serve-state.json").write_text(json.dumps(state, indent=2))

    def watch(self) -> int:
        """Start a worker again when it stops; end everything when the proxy stops or we are told to."""
        while not self.stopping:
            if self.proxy.poll() is not None:
                print(f"the proxy stopped (exit code {self.proxy.returncode}); stopping", flush=True)
                self.stop()
                return 1
            for worker in self.workers:
                if worker.process.poll() is None:
                    continue
                if worker.stopped_at is None:
                    worker.stopped_at = time.monotonic()
                    print(f"worker on port {worker.port} stopped (exit code {worker.process.returncode})", flush=True)
                elif time.monotonic() - worker.stopped_at >= self.args.restart_delay:
                    worker.restarts += 1
                    try:
                        worker.start()
                    except PortTaken as taken:  # another program took the port while the worker was down
                        print(f"make serve: {taken}; stopping", file=sys.stderr, flush=True)
                        self.stop()
                        return 1
                    self.write_state()
                    print(f"worker on port {worker.port} started again", flush=True)
            time.sleep(0.2)
        return 0

    def stop(self, *_signal) -> None:
        self.stopping = True
        children = [worker.process for worker in self.workers if worker.process] + [self.proxy] * bool(self.proxy)
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


UPSTREAM = re.compile(r"^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$")


def upstreams_from(file: Path | None, listed: str) -> list[str]:
    """host:port entries from a file (one a line, # for a comment) and from a list separated by spaces or commas."""
    lines = file.read_text(encoding="utf-8").splitlines() if file else []
    entries = [line.split("#", 1)[0].strip() for line in lines] + re.split(r"[\s,]+", listed)
    entries = [entry for entry in entries if entry]
    wrong = [entry for entry in entries if not UPSTREAM.match(entry)]
    if wrong:
        raise SystemExit(f"make serve: not a host:port upstream: {', '.join(wrong)}")
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="the port patients and physicians open")
    parser.add_argument("--listen", default=os.environ.get("EXPLAINER_LISTEN_ADDRESS", ""),
                        help="the one address of this machine to listen on (default: every address)")  # fmt: skip
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="Streamlit processes (one per core)")
    parser.add_argument("--first-worker-port", type=int, default=8501,
                        help="workers listen on 127.0.0.1 from this port on (0: any free ports)")  # fmt: skip
    parser.add_argument("--public-url", default=os.environ.get("EXPLAINER_PUBLIC_URL"),
                        help="the app's public address, linked from the guide (default: the same site)")  # fmt: skip
    parser.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT",
                        help="a worker on another machine (make worker), besides or instead of its own")  # fmt: skip
    parser.add_argument("--upstreams-file", type=Path,
                        help="a file of upstream workers, host:port one a line (also EXPLAINER_UPSTREAMS)")  # fmt: skip
    parser.add_argument("--restart-delay", type=float, default=1.0, help="seconds before a stopped worker restarts")
    parser.add_argument("--build", type=Path, default=BUILD, help="where the guide and the state file are written")
    args = parser.parse_args(argv)
    args.upstreams = [*args.upstream, *upstreams_from(args.upstreams_file, os.environ.get("EXPLAINER_UPSTREAMS", ""))]
    if args.workers < 1 and not args.upstreams:
        parser.error("--workers must be at least 1, or name upstream workers (--upstream host:port)")

    supervisor = Supervisor(args)
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    try:
        supervisor.start()
    except export.DataProblems as problems:
        print("make serve: the data has problems, so the patient guide cannot be built:", file=sys.stderr)
        for problem in problems.problems:
            print(problem_line(problem))
        supervisor.stop()
        return 1
    except (RuntimeError, OSError) as error:
        print(f"make serve: {error}", file=sys.stderr)
        supervisor.stop()
        return 1
    return supervisor.watch()


if __name__ == "__main__":
    sys.exit(main())

"""
Soak test: minutes of mixed reader traffic while editors publish and update.

    .venv/bin/python bench/soak.py --minutes 5 --stories 2000

It builds a fresh PostgreSQL database ``newsroom_soak`` (``generate_newsroom``),
starts gunicorn with the Redis page cache on 127.0.0.1, and runs three things
at once for the given time:

- wrk driving mixed page traffic (``bench/soak.lua``: stories, sections, tags,
  home), counting responses by status class;
- an editor loop in this process publishing a new story and recording a real
  update on a live one every few seconds, through ``articles.workflow`` like
  the admin does;
- a sampler reading the app processes' RSS every 10 seconds.

It passes when wrk saw zero 5xx, every story published during the run is
served afterwards (headline on its page, and on the home page's cache) and
the updated standfirsts are what readers get, and memory after warm-up grew
by less than ``--max-growth-mib``. The result goes to
``bench/results/soak.json`` and into the "Soak" table of ``bench/README.md``.
Loopback only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
import run  # noqa: E402  (the benchmark's gunicorn, wrk and RSS helpers)

ROOT = run.ROOT
DB = "newsroom_soak"
PORT = 8310


def soak_env():
    env = run.bench_env("soak", cached=True)
    env.update(DATABASE_URL=f"{run.PG}/{DB}", CACHE_URL="redis://127.0.0.1:6379/10")
    return env


def manage(*args):
    subprocess.run([run.PYTHON, "manage.py", *args], cwd=ROOT, env=soak_env(), check=True)


def prepare(stories):
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DB}"], check=True)
    subprocess.run(["redis-cli", "-n", "10", "FLUSHDB"], check=True, capture_output=True)
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("generate_newsroom", "--stories", str(stories), "--batch", "2000")


def start_gunicorn(workers):
    process = subprocess.Popen(
        [
            run.PYTHON,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--error-logfile",
            str(run.RESULTS / "soak-gunicorn.log"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=soak_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


class Editors(threading.Thread):
    """Publish a story and really update another every ``interval`` seconds."""

    def __init__(self, interval, stop):
        super().__init__(daemon=True)
        self.interval, self.stop = interval, stop
        self.published, self.updated, self.errors = [], {}, []

    def run(self):
        from django.contrib.auth import get_user_model
        from django.db import close_old_connections

        from articles import workflow
        from articles.models import Article, Section

        editor, _ = get_user_model().objects.get_or_create(
            username="soak-editor", defaults={"is_staff": True, "is_superuser": True}
        )
        sections = list(Section.objects.all())
        number = 0
        while not self.stop.is_set():
            number += 1
            try:
                article = Article.objects.create(
                    headline=f"Soak story {number} at {time.time():.0f}",
                    standfirst="Published while readers were busy.",
                    body="<p>First paragraph.</p><p>Second paragraph.</p>",
                    section=sections[number % len(sections)],
                    created_by=editor,
                )
                workflow.article_publish(article=article, by=editor)
                self.published.append((article.slug, article.headline))
                live = Article.objects.published().order_by("?").first()
                live.standfirst = f"Updated standfirst {number}."
                live.save()
                workflow.article_record_update(article=live, by=editor, note=f"Soak update {number}.")
                self.updated[live.slug] = live.standfirst
            except Exception as error:  # noqa: BLE001 - every failure is a finding of the soak
                self.errors.append(repr(error))
            finally:
                close_old_connections()
            self.stop.wait(self.interval)


def fetch(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
        return response.status, response.read().decode()


def verify(editors):
    missing, stale = [], []
    for slug, headline in editors.published:
        status, html = fetch(f"/story/{slug}/")
        if status != 200 or headline not in html:
            missing.append(slug)
    for slug, standfirst in editors.updated.items():
        status, html = fetch(f"/story/{slug}/")
        if standfirst not in html:
            stale.append(slug)
    newest = editors.published[-1][1] if editors.published else None
    _, home = fetch("/")
    return {
        "published": len(editors.published),
        "updated": len(editors.updated),
        "missing": missing,
        "stale": stale,
        "newest_on_home": newest is not None and newest in home,
        "editor_errors": editors.errors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=3.0, help="Seconds between editor actions.")
    parser.add_argument("--max-growth-mib", type=float, default=20.0)
    args = parser.parse_args()
    run.RESULTS.mkdir(parents=True, exist_ok=True)

    prepare(args.stories)
    os.environ.update(soak_env())
    import django

    django.setup()

    server = start_gunicorn(args.workers)
    stop = threading.Event()
    samples = []
    try:
        pids = run.worker_pids(server)
        editors = Editors(args.interval, stop)
        seconds = int(args.minutes * 60)
        wrk = subprocess.Popen(
            ["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(ROOT / "bench" / "soak.lua"), f"http://127.0.0.1:{PORT}"],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "BENCH_STORIES": str(args.stories)},
        )
        editors.start()
        started = time.monotonic()
        while wrk.poll() is None:
            samples.append((round(time.monotonic() - started), run.rss_kib(pids) / 1024))
            time.sleep(10)
        out = wrk.stdout.read()
        stop.set()
        editors.join(timeout=30)
        statuses = dict(re.findall(r"(\dxx)=(\d+)", out))
        served = int(re.search(r"(\d+) requests in", out).group(1))
        outcome = verify(editors)
    finally:
        stop.set()
        run.stop(server)

    # Memory is judged after warm-up (the first minute fills caches and imports).
    warm = [mib for second, mib in samples if second >= 60] or [mib for _, mib in samples]
    result = {
        "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "machine": run.machine(),
        "minutes": args.minutes,
        "requests": served,
        "statuses": {key: int(value) for key, value in statuses.items()},
        "rss_mib": {
            "start": samples[0][1],
            "after_warmup": warm[0],
            "end": samples[-1][1],
            "max": max(m for _, m in samples),
        },
        **outcome,
    }
    growth = result["rss_mib"]["end"] - result["rss_mib"]["after_warmup"]
    result["passed"] = (
        result["statuses"].get("5xx", 0) == 0
        and not outcome["missing"]
        and not outcome["stale"]
        and not outcome["editor_errors"]
        and outcome["newest_on_home"]
        and growth < args.max_growth_mib
    )
    (run.RESULTS / "soak.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    write_readme(result, growth)
    sys.exit(0 if result["passed"] else 1)


def write_readme(result, growth):
    s = result["statuses"]
    lines = [
        "<!-- soak:start -->",
        f"Run on {result['date']}, {result['machine']}: {result['minutes']:g} minutes, "
        f"{result['requests']:,} requests (2xx {s.get('2xx', 0):,}, 3xx {s.get('3xx', 0):,}, "
        f"4xx {s.get('4xx', 0):,}, **5xx {s.get('5xx', 0):,}**); editors published {result['published']} stories "
        f"and updated {result['updated']}; missing afterwards: {len(result['missing'])}, "
        f"stale: {len(result['stale'])}; "
        f"app RSS {result['rss_mib']['after_warmup']:.0f} MiB after warm-up → {result['rss_mib']['end']:.0f} MiB "
        f"at the end ({growth:+.1f} MiB). **{'Passed' if result['passed'] else 'Failed'}.**",
        "<!-- soak:end -->",
    ]
    text = run.README.read_text()
    text = re.sub(r"<!-- soak:start -->.*<!-- soak:end -->", "\n".join(lines), text, flags=re.S)
    run.README.write_text(text)


if __name__ == "__main__":
    main()

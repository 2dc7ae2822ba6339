"""
Newsroom benchmark: server time, query counts and throughput at scale.

    .venv/bin/python bench/run.py --stories 10000 100000 1000000

For each size it (re)uses a PostgreSQL database ``newsroom_bench_<size>``
filled by ``manage.py generate_newsroom``, then measures:

1. per page type, in-process through Django's full middleware stack with the
   cache disabled: server time p50/p95 over many different URLs and the
   number of SQL queries;
2. under gunicorn on loopback with wrk: requests/s for the story page
   uncached and cached, beside the same gunicorn serving a static copy of
   that page's HTML through WhiteNoise (the ceiling);
3. the RSS of the app processes before and after a long run.

Results go to bench/results/<size>.json and into the table in
bench/README.md. Everything talks to 127.0.0.1 only.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"
PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"
PORT = 8300
STATIC_ROOT = ROOT / "bench" / "static"


def bench_env(size, *, cached=False):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production",
        # Plain HTTP on loopback; production redirects to HTTPS (settings, "Security").
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"{PG}/newsroom_bench_{size}",
        CACHE_URL="redis://127.0.0.1:6379/9" if cached else "dummycache://",
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
        MEDIA_ROOT=str(ROOT / "bench" / "media"),
        STATIC_ROOT=str(STATIC_ROOT),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    return env


def manage(size, *args, **env_options):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=bench_env(size, **env_options), check=True)


def prepare(size):
    """Create and fill the database for ``size`` stories unless it is already full."""
    name = f"newsroom_bench_{size}"
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    manage(size, "migrate", "--noinput", "-v0")
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    manage(size, "collectstatic", "--noinput", "-v0")
    have = int(
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-tAc", "SELECT count(*) FROM articles_article"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The generation time is kept beside the results, so a later run on the
    # same database still reports it.
    timing = RESULTS / f"generation-{size}.json"
    if have < size:
        started = time.monotonic()
        manage(size, "generate_newsroom", "--stories", str(size - have), "--batch", "5000")
        RESULTS.mkdir(parents=True, exist_ok=True)
        timing.write_text(json.dumps({"stories": size - have, "seconds": time.monotonic() - started}))
    # As the README's "Deploying" says after a restart or restore: the indexes
    # that first visits probe across the archive are loaded into memory.
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-qc", "CREATE EXTENSION IF NOT EXISTS pg_prewarm"],
        check=True,
    )
    manage(size, "prewarm")
    return json.loads(timing.read_text())["seconds"] if timing.exists() else None


def measure_pages(size, samples):
    """Run in a child process so settings come from bench_env()."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "pages.py"), str(samples)],
        cwd=ROOT,
        env=bench_env(size),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def wrk(url, seconds, connections=16):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "errors": int(non2xx.group(1)) if non2xx else 0}


def rss_kib(pids):
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def gunicorn(size, *, cached, workers):
    env = bench_env(size, cached=cached)
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{PORT}/"], check=True, timeout=5)
            break
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("gunicorn did not start")
    return process


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def worker_pids(process):
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def measure_throughput(size, story_path, seconds, workers, memory_requests):
    results = {}
    # Uncached server first: it also gives us the page's HTML for the static copy.
    server = gunicorn(size, cached=False, workers=workers)
    try:
        html = subprocess.run(
            ["curl", "-sf", f"http://127.0.0.1:{PORT}{story_path}"], capture_output=True, check=True
        ).stdout
        results["story_uncached"] = wrk(f"http://127.0.0.1:{PORT}{story_path}", seconds)
        # The same stack answering a page with no query and no template: what
        # Django, its middleware and gunicorn cost here before any page's work.
        results["django_floor"] = wrk(f"http://127.0.0.1:{PORT}/robots.txt", seconds)
    finally:
        stop(server)
    copy = STATIC_ROOT / "bench-static-copy" / "story.html"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_bytes(html)

    server = gunicorn(size, cached=True, workers=workers)
    try:
        results["static_ceiling"] = wrk(f"http://127.0.0.1:{PORT}/static/bench-static-copy/story.html", seconds)
        wrk(f"http://127.0.0.1:{PORT}{story_path}", 2)  # warm the page cache
        results["story_cached"] = wrk(f"http://127.0.0.1:{PORT}{story_path}", seconds)
        for key in ("story_uncached", "django_floor", "story_cached"):
            results[key]["ratio_to_ceiling"] = results[key]["rps"] / results["static_ceiling"]["rps"]
        if memory_requests:
            results["memory"] = measure_memory(server, memory_requests, size)
    finally:
        stop(server)
    return results


def measure_memory(server, requests, size):
    """
    RSS of the app processes across ``requests`` mixed requests (bench/soak.lua:
    stories, sections, tags, home; page cache on), driven in 30-second wrk
    rounds until that many have been served. The first round is the warm-up:
    growth is measured from its end, when imports, templates and connection
    pools are in place.
    """
    pids = worker_pids(server)
    script = ROOT / "bench" / "soak.lua"
    started = time.monotonic()
    served, rounds, after_warm_up = 0, [], None
    while served < requests:
        out = subprocess.run(
            ["wrk", "-t2", "-c16", "-d30s", "-s", str(script), f"http://127.0.0.1:{PORT}"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "BENCH_STORIES": str(size)},
        ).stdout
        served += int(re.search(r"(\d+) requests in", out).group(1))
        rss = rss_kib(pids) / 1024
        rounds.append(round(rss, 1))
        if after_warm_up is None:
            after_warm_up = rss
    return {
        "requests": served,
        "seconds": round(time.monotonic() - started),
        "rss_after_warm_up_mib": after_warm_up,
        "rss_after_mib": rounds[-1],
        "rss_by_round_mib": rounds,
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) // 1024 // 1024
    pg, shared_buffers = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version; SHOW shared_buffers"],
        capture_output=True,
        text=True,
    ).stdout.split("\n")[:2]
    return (
        f"{os.cpu_count()} × {cpu}, {mem} GiB RAM, Python {platform.python_version()}, "
        f"PostgreSQL {pg.strip()} (shared_buffers {shared_buffers.strip()})"
    )


def cpu_loop_seconds():
    """
    The best of three runs of a fixed Python loop (10 million additions): the
    machine's speed at the time, so runs on different machines, or on one
    machine whose speed drifts, can be compared.
    """
    best = None
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for n in range(10_000_000):
            total += n
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return round(best, 2)


def write_readme(machine_line):
    """Rebuild the README table from every size's results in bench/results/."""
    all_results = {"machine": machine_line}
    for path in sorted(RESULTS.glob("[0-9]*.json"), key=lambda p: int(p.stem)):
        all_results[path.stem] = json.loads(path.read_text())
    lines = [
        "<!-- results:start -->",
        f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {all_results['machine']}.",
        "",
    ]
    sizes = [k for k in all_results if k != "machine"]
    pages = list(next(iter(all_results[s]["pages"] for s in sizes)).keys()) if sizes else []
    header = "| page | " + " | ".join(f"{int(s):,} p50 / p95 ms (queries; SQL p50 ms)" for s in sizes) + " |"
    lines += [header, "|---|" + "---|" * len(sizes)]
    for page in pages:
        cells = []
        for s in sizes:
            r = all_results[s]["pages"].get(page)
            if not r or "error" in r:
                cells.append("n/a")
            else:
                # Results from before the SQL time was measured have none.
                sql = f"; {r['sql_p50_ms']:.1f}" if "sql_p50_ms" in r else ""
                cells.append(f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ({r['queries']}{sql})")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| throughput (gunicorn, wrk, loopback) | " + " | ".join(f"{int(s):,}" for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for key, label in [
        ("static_ceiling", "static copy of the story page (ceiling)"),
        ("story_cached", "story page, cached"),
        ("story_uncached", "story page, uncached"),
        ("django_floor", "floor: `/robots.txt` uncached (no query, no template)"),
    ]:
        cells = []
        for s in sizes:
            r = all_results[s].get("throughput", {}).get(key)
            if not r:
                cells.append("n/a")
            elif "ratio_to_ceiling" in r:
                cells.append(f"{r['rps']:,.0f} req/s ({r['ratio_to_ceiling']:.0%} of ceiling)")
            else:
                cells.append(f"{r['rps']:,.0f} req/s")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for s in sizes:
        mem = all_results[s].get("throughput", {}).get("memory")
        if mem and "rss_by_round_mib" in mem:
            by_round = ", ".join(f"{r:.0f}" for r in mem["rss_by_round_mib"])
            lines.append(
                f"\nMemory at {int(s):,} stories: the two app processes held {mem['rss_after_warm_up_mib']:.0f} MiB "
                f"after the first 30 s and {mem['rss_after_mib']:.0f} MiB after {mem['requests']:,} requests "
                f"in {mem['seconds'] / 60:.0f} minutes (MiB after each 30 s round: {by_round})."
            )
        gen = all_results[s].get("generation_seconds")
        if gen:
            lines.append(f"\nGenerating {int(s):,} stories took {gen / 60:.1f} minutes.")
    loops = [all_results[s]["cpu_loop_seconds"] for s in sizes if "cpu_loop_seconds" in all_results[s]]
    if loops:
        lines.append(
            f"\nThe machine's speed during the run: a fixed Python loop (10 million additions) took "
            f"{min(loops):.2f}–{max(loops):.2f} s before each size's measurements (lower is faster)."
        )
    lines.append("<!-- results:end -->")
    text = README.read_text()
    text = re.sub(r"<!-- results:start -->.*<!-- results:end -->", "\n".join(lines), text, flags=re.S)
    README.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, nargs="+", default=[10_000])
    parser.add_argument("--samples", type=int, default=60, help="Requests per page type for server time.")
    parser.add_argument("--seconds", type=int, default=15, help="Length of each wrk run.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (one per core here).")
    parser.add_argument("--memory-requests", type=int, default=0, help="Requests for the memory run (0: skip).")
    parser.add_argument(
        "--memory-at", type=int, help="Size to run the memory run at (default: the smallest of --stories)."
    )
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument(
        "--memory-only", action="store_true", help="Only the memory run, added to the size's earlier results."
    )
    args = parser.parse_args()
    random.seed(1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    machine_line = machine()
    for size in args.stories:
        print(f"== {size:,} stories", flush=True)
        if args.memory_only:
            result = json.loads((RESULTS / f"{size}.json").read_text())
            server = gunicorn(size, cached=True, workers=args.workers)
            try:
                result.setdefault("throughput", {})["memory"] = measure_memory(server, args.memory_requests, size)
            finally:
                stop(server)
            (RESULTS / f"{size}.json").write_text(json.dumps(result, indent=2))
            continue
        result = {"generation_seconds": prepare(size)}
        result["cpu_loop_seconds"] = cpu_loop_seconds()
        result["pages"] = measure_pages(size, args.samples)
        if not args.no_throughput:
            story = result["pages"]["story page"]["example"]
            memory = args.memory_requests if size == (args.memory_at or min(args.stories)) else 0
            result["throughput"] = measure_throughput(size, story, args.seconds, args.workers, memory)
        (RESULTS / f"{size}.json").write_text(json.dumps(result, indent=2))
        print(json.dumps(result, indent=2), flush=True)
    write_readme(machine_line)


if __name__ == "__main__":
    main()

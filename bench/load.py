"""Load test (DESIGN §5): 32 concurrent users for 60 s against gunicorn with 2 workers.

    DATABASE_URL=postgres://…/portal_scale SECRET_KEY=… .venv/bin/python bench/load.py \\
        [--users 32] [--seconds 60] [--workers 2] [--port 8765] [--base-url URL] \\
        [--think 1-5] [--worker-class sync|gthread --threads N]

Needs the data of `manage.py seed_scale` (its logins: scale.vanphong, scale.canbo1…5,
scale.lanhdao1…5, scale.hoidong01…30). Unless --base-url names a running server, it starts
`gunicorn config.wsgi` with --workers on 127.0.0.1:--port (DEBUG=0, plain HTTP allowed; static
files collected first), waits for /healthz, and stops it at the end. Users arrive over --ramp
seconds (a password check costs a deliberate fraction of a second of CPU: 32 at once would
measure PBKDF2, not the portal).

Each virtual user logs in through the login form (CSRF and all), then loops over the pages of
its role until the time is up: the office (dashboards, review queue, submission status, the
screening queue), unit staff (their reports, a report form, the unit dashboard) and council
members (sessions, the vote page of the open session — where a member who has not voted yet
casts a ballot once, through the form). Between two clicks a user reads the page for a random
1–5 s (--think; locust's `wait_time = between(1, 5)`): 32 people at their desks, not 32
scripts in a loop. `--think 0` removes the pause: then the server is saturated by design and
the latency only says how long the queue in front of 2 workers is. It prints requests per
second, p50/p95/p99 latency per page and overall, and every error (status ≥ 500, or a failed
connection). Targets: no error, p99 under 1 s.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "ThiDua@2025"
TARGET_P99_MS = 1000


def setup_django():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def plan_pages() -> dict[str, list[tuple[str, str]]]:
    """(name, path) of the pages each kind of user visits, read from the scale data set."""
    from django.urls import reverse

    from awards.models import Session
    from campaign.models import Campaign, ProgressReport

    campaign = Campaign.objects.get(code="scale-gpmb-2022-2025")
    office = [
        ("office dashboard", reverse("dashboard_office", args=[campaign.pk])),
        ("office dashboard 2024", reverse("dashboard_office", args=[campaign.pk]) + "?year=2024"),
        ("review queue", reverse("review_queue")),
        ("submission status", reverse("campaign_submission_status", args=[campaign.pk])),
        ("screening queue", reverse("screening_queue")),
        ("home", reverse("home")),
    ]
    units = []
    for n in range(1, 6):
        user = f"scale.canbo{n}"
        report = (
            ProgressReport.objects.filter(
                period__campaign=campaign, unit__memberships__user__username=user
            )
            .order_by("-period__end_date")
            .first()
        )
        pages = [
            ("my reports", reverse("my_reports")),
            ("unit dashboard", reverse("dashboard_unit")),
        ]
        if report is not None:
            pages.append(
                ("report form", reverse("report_edit", args=[report.period_id, report.unit_id]))
            )
        units.append((user, pages))
    council = [
        ("council sessions", reverse("session_list")),
        ("council page", reverse("dashboard_council")),
    ]
    open_session = Session.objects.filter(campaign=campaign, status=Session.Status.OPEN).first()
    vote = reverse("session_vote", args=[open_session.pk]) if open_session else None
    return {"office": office, "units": units, "council": council, "vote": vote}


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        # (when it ended, ms, page) of every request
        self.timeline: list[tuple[float, float, str]] = []

    def add(self, name: str, ms: float, error: str | None = None):
        with self.lock:
            self.times[name].append(ms)
            self.timeline.append((time.monotonic(), ms, name))
            if error:
                self.errors.append(f"{name}: {error}")


class Browser:
    """One user's cookies and CSRF token over plain HTTP."""

    def __init__(self, base: str, recorder: Recorder):
        self.base = base
        self.recorder = recorder
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, name: str, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
            request.add_header("X-CSRFToken", self.csrf())
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode("utf-8", "replace")
                # A page answered by the login form measures nothing: count it as an error.
                lost = "/dang-nhap/" in response.geturl() and not name.startswith("login")
                self.recorder.add(
                    name, (time.perf_counter() - started) * 1000, "sent to login" if lost else None
                )
                return text
        except urllib.error.HTTPError as exc:
            ms = (time.perf_counter() - started) * 1000
            self.recorder.add(name, ms, f"HTTP {exc.code}" if exc.code >= 500 else None)
            return ""
        except (urllib.error.URLError, OSError) as exc:
            self.recorder.add(name, (time.perf_counter() - started) * 1000, repr(exc))
            return ""

    def login(self, username: str) -> None:
        page = self.request("login form", "/tai-khoan/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        self.request(
            "login",
            "/tai-khoan/dang-nhap/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": username,
                "password": PASSWORD,
            },
        )


def vote_once(browser: Browser, path: str) -> None:
    """Casts this member's ballot on every item of the open session through the form."""
    page = browser.request("vote page", path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    names = sorted(set(re.findall(r'name="(choice_\d+)"', page)))
    if not token or not names:
        return
    data = {"csrfmiddlewaretoken": token.group(1)}
    data.update({name: random.choice(["approve", "reject"]) for name in names})
    browser.request("vote (POST)", path, data)


def run_user(base, recorder, username, pages, until, vote_path=None, delay=0.0, think=(0, 0)):
    time.sleep(delay)  # users arrive over the ramp-up, not all in the same second
    browser = Browser(base, recorder)
    browser.login(username)
    if vote_path:
        vote_once(browser, vote_path)
    while time.monotonic() < until:
        name, path = random.choice(pages)
        browser.request(name, path)
        # A person reads the page before the next click (locust's `wait_time = between(a, b)`).
        pause = random.uniform(*think)
        if time.monotonic() + pause >= until:
            break  # clicking on without the pause would end the run with a burst
        time.sleep(pause)


def think_range(text: str) -> tuple[float, float]:
    low, _sep, high = text.partition("-")
    low, high = float(low), float(high or low)
    if low < 0 or high < low:
        raise argparse.ArgumentTypeError("think time: MIN-MAX seconds, e.g. 1-5 or 0")
    return low, high


def start_server(port: int, workers: int, worker_class: str, threads: int) -> subprocess.Popen:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
    except urllib.error.HTTPError:
        pass
    except (urllib.error.URLError, OSError):
        pass  # free, as it should be
    else:
        raise SystemExit(f"Port {port} is taken by another server: choose another with --port.")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    # As in production: hashed static files collected first (DEBUG=0 needs their manifest).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            f"--workers={workers}",
            f"--worker-class={worker_class}",
            f"--threads={threads}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not answer on /healthz")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--base-url", default="")
    parser.add_argument(
        "--ramp", type=float, default=15, help="seconds over which the users arrive and log in"
    )
    parser.add_argument(
        "--think",
        type=think_range,
        default=(1.0, 5.0),
        help="seconds a user reads a page before the next click, MIN-MAX (default 1-5, as "
        "locust's between(1, 5)); 0 makes every user click without pause (saturation)",
    )
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (sync or gthread)"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    args = parser.parse_args()

    setup_django()
    plan = plan_pages()
    server = None
    base = args.base_url.rstrip("/")
    if not base:
        server = start_server(args.port, args.workers, args.worker_class, args.threads)
        base = f"http://127.0.0.1:{args.port}"

    # Mix of a working day: a few office staff, many units, the council.
    users = []
    for n in range(args.users):
        kind = n % 8
        if kind == 0:
            users.append(("scale.vanphong", plan["office"], None))
        elif kind in (1, 2, 3, 4, 5):
            username, pages = plan["units"][n % len(plan["units"])]
            users.append((username, pages, None))
        else:
            member = f"scale.hoidong{(n % 29) + 2:02d}"
            users.append((member, plan["council"], plan["vote"]))

    recorder = Recorder()
    started = time.monotonic()
    until = started + args.seconds
    step = args.ramp / max(len(users), 1)
    threads = [
        threading.Thread(
            target=run_user,
            args=(base, recorder, u, p, until, v, n * step, args.think),
            daemon=True,
        )
        for n, (u, p, v) in enumerate(users)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
    elapsed = time.monotonic() - started

    every = [ms for values in recorder.times.values() for ms in values]
    think = "no pause" if args.think == (0, 0) else f"{args.think[0]:g}-{args.think[1]:g} s"
    print(
        f"{args.users} users, {elapsed:.0f} s, think time {think}, gunicorn workers: "
        f"{args.workers} ({args.worker_class}, {args.threads} thread(s) each)"
    )
    print(f"{'page':24} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in sorted(recorder.times):
        values = recorder.times[name]
        print(
            f"{name:24} {len(values):9d} {statistics.median(values):8.0f} "
            f"{percentile(values, 95):8.0f} {percentile(values, 99):8.0f}"
        )
    p99 = percentile(every, 99) if every else float("nan")
    print(
        f"{'all':24} {len(every):9d} {statistics.median(every):8.0f} "
        f"{percentile(every, 95):8.0f} {p99:8.0f}   {len(every) / elapsed:.1f} requests/s"
    )
    ramp_end = started + args.ramp
    for label, part in (
        ("during the ramp-up", [ms for at, ms, _n in recorder.timeline if at <= ramp_end]),
        ("after it", [ms for at, ms, _n in recorder.timeline if at > ramp_end]),
    ):
        if part:
            print(
                f"{label:24} {len(part):9d} {statistics.median(part):8.0f} "
                f"{percentile(part, 95):8.0f} {percentile(part, 99):8.0f}"
            )
    slowest = sorted(recorder.timeline, key=lambda t: t[1], reverse=True)[:8]
    print(
        "slowest: "
        + ", ".join(f"{name} {ms:.0f} ms at {at - started:.0f} s" for at, ms, name in slowest)
    )
    print(f"errors: {len(recorder.errors)}")
    for error in recorder.errors[:20]:
        print("  ", error)
    ok = not recorder.errors and p99 < TARGET_P99_MS
    print(f"[{'ok' if ok else 'MISSED'}] no error and p99 under {TARGET_P99_MS} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

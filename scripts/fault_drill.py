"""Fault drill (issue 8): the portal on real services loses Redis, PostgreSQL and a worker,
and must keep answering, keep every request and lose no job.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal .venv/bin/python \\
        scripts/fault_drill.py [--redis-port 6391] [--restart-postgres] [--keep-db]

What it starts (and stops at the end), all its own:
  - a redis-server on --redis-port (6391: the shared Redis on 6379 is never touched);
  - a drill database `<name of DATABASE_URL>_fault_drill`, created, migrated and seeded with
    `seed_demo`, dropped at the end unless --keep-db;
  - gunicorn with 2 workers, a Celery worker and Celery beat for the portal on them (DEBUG=1
    only so that static files need no collecting; a short reaper period and heartbeat).

The drill, in order:
  1. logs in as the office (ls.vanphong), a unit (ls.canbo) and a council member (ls.hoidong)
     and fetches their main pages (about 25);
  2. stops its Redis: /healthz says "degraded"; every page again answers 200 within 2 s; an
     annual report is requested (the job waits in the database and its page says it waits for
     the document service); the office urges late units (the e-mails wait in the outbox);
  3. starts Redis again: the waiting job is built and its PDF downloads; the e-mails are sent,
     each once;
  4. terminates every PostgreSQL backend of the drill database (what a restart does to the
     portal; --restart-postgres restarts the cluster for real with pg_ctlcluster, for CI where
     nothing else uses it): the next requests of every user answer 200 and the worker builds
     the next report;
  5. kills the worker (SIGKILL) while it builds a report and starts a new one: the job ends
     built again or failed with a reason, never stuck.

It prints a table of checks with PASS/FAIL and exits 1 on any failure (logs of the services
are kept in the printed directory then).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "ThiDua@2025"
CAMPAIGN = "ls-stnmt-gpmb-2022-2025"
USERS = {"office": "ls.vanphong", "unit": "ls.canbo", "council": "ls.hoidong"}
PAGE_BUDGET = 2.0  # seconds a page may take while Redis is down
DEFAULT_DATABASE_URL = "postgres://portal:portal@127.0.0.1:5432/portal"


# --- Results ------------------------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


class Results:
    def __init__(self):
        self.checks: list[Check] = []

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, bool(ok), detail))
        print(f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}", flush=True)
        return bool(ok)

    @property
    def failed(self) -> bool:
        return not self.checks or any(not c.ok for c in self.checks)

    def table(self) -> str:
        width = max(len(c.name) for c in self.checks) if self.checks else 10
        lines = [f"{'check':<{width}}  result  detail", f"{'-' * width}  ------  ------"]
        for c in self.checks:
            lines.append(f"{c.name:<{width}}  {'PASS' if c.ok else 'FAIL':<6}  {c.detail}")
        return "\n".join(lines)


# --- Processes ----------------------------------------------------------------------------------


class Service:
    """A child process in its own process group (so that a kill takes its children too)."""

    def __init__(self, name: str, argv: list[str], env: dict, logs: Path):
        self.name, self.argv, self.env = name, argv, env
        self.log_path = logs / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> Service:
        log = open(self.log_path, "ab")  # noqa: SIM115 — kept open for the child's lifetime
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_group(self, sig) -> None:
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)

    def stop(self, timeout: float = 15) -> None:
        if not self.running:
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)

    def kill(self) -> None:
        self.signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.3)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, seconds: float, every: float = 0.2):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


# --- HTTP as a browser --------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to check, not to follow


@dataclass
class Answer:
    status: int
    body: str
    seconds: float
    location: str = ""
    content_type: str = ""
    raw: bytes = b""


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, timeout: float = 30) -> Answer:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
            request.add_header("X-CSRFToken", self._csrf())
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                raw = response.read()
                status, headers = response.status, response.headers
        except urllib.error.HTTPError as exc:
            raw, status, headers = exc.read(), exc.code, exc.headers
        except (urllib.error.URLError, OSError) as exc:
            return Answer(0, repr(exc), time.perf_counter() - started)
        return Answer(
            status,
            raw.decode("utf-8", "replace"),
            time.perf_counter() - started,
            headers.get("Location", ""),
            headers.get("Content-Type", ""),
            raw,
        )

    def form_token(self, path: str) -> str:
        page = self.request(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        return found.group(1) if found else ""

    def login(self, username: str) -> bool:
        token = self.form_token("/tai-khoan/dang-nhap/")
        answer = self.request(
            "/tai-khoan/dang-nhap/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        return answer.status == 302 and "dang-nhap" not in answer.location


# --- The drill ----------------------------------------------------------------------------------


class Drill:
    def __init__(self, args):
        self.args = args
        self.results = Results()
        self.work = Path(tempfile.mkdtemp(prefix="thidua-fault-drill-"))
        self.logs = self.work / "logs"
        self.logs.mkdir()
        base = urllib.parse.urlsplit(args.database_url)
        self.db_name = (base.path.lstrip("/") or "portal") + "_fault_drill"
        self.db_url = urllib.parse.urlunsplit(base._replace(path="/" + self.db_name))
        self.admin_url = urllib.parse.urlunsplit(base._replace(path="/postgres"))
        self.redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
        self.web_port = args.port or free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = {
            **os.environ,
            "DEBUG": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.db_url,
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": "fault-drill",
            "MEDIA_ROOT": str(self.work / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            # Dead workers are noticed in seconds, not minutes.
            "REPORT_HEARTBEAT_INTERVAL": "1",
            "REPORT_HEARTBEAT_STALE": "4",
            "REPORT_REAP_EVERY": "2",
            "OUTBOX_SWEEP_EVERY": "3",
            "PYTHONUNBUFFERED": "1",
        }
        self.redis: Service | None = None
        self.web: Service | None = None
        self.worker: Service | None = None
        self.beat: Service | None = None
        self.workers_started = 0
        self.browsers: dict[str, Browser] = {}
        self.pages: dict[str, list[tuple[str, str]]] = {}

    # --- Set-up --------------------------------------------------------------------------------

    def _admin_sql(self, *statements: str) -> None:
        import psycopg2

        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        connection.close()

    def create_database(self) -> None:
        self._admin_sql(
            f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)',
            f'CREATE DATABASE "{self.db_name}"',
        )
        for argv in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *argv],
                cwd=ROOT,
                env=self.env,
                check=True,
                stdout=open(self.logs / "setup.log", "ab"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )

    def drop_database(self) -> None:
        from django.db import connections

        connections.close_all()
        self._admin_sql(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def setup_django(self) -> None:
        # This process reads the drill database too (job states, the outbox), never Redis 6379.
        for name in ("DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "CACHE_KEY_PREFIX"):
            os.environ[name] = self.env[name]
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        import django

        django.setup()

    def start_redis(self) -> None:
        binary = shutil.which("redis-server")
        self.redis = Service(
            "redis",
            [
                binary,
                "--port",
                str(self.args.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.work),
            ],
            self.env,
            self.logs,
        ).start()
        if not wait_until(lambda: port_open(self.args.redis_port), 10, 0.1):
            raise RuntimeError("redis-server did not start:\n" + self.redis.tail())

    def start_worker(self) -> Service:
        self.workers_started += 1
        self.worker = Service(
            f"worker-{self.workers_started}",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=fault-drill-{self.workers_started}@%h",
            ],
            self.env,
            self.logs,
        ).start()
        return self.worker

    def start_services(self) -> None:
        self.start_redis()
        self.web = Service(
            "gunicorn",
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{self.web_port}",
                "--timeout=60",
                "--log-level=warning",
            ],
            self.env,
            self.logs,
        ).start()
        self.start_worker()
        self.beat = Service(
            "beat",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "beat",
                "--loglevel=WARNING",
                f"--schedule={self.work / 'celerybeat-schedule'}",
            ],
            self.env,
            self.logs,
        ).start()

    def stop_services(self) -> None:
        for service in (self.beat, self.worker, self.web, self.redis):
            if service is not None:
                service.stop()

    # --- Helpers -------------------------------------------------------------------------------

    def plan_pages(self) -> None:
        """The main pages of each user, read from the demo data."""
        from django.urls import reverse

        from awards.models import Session
        from campaign.models import Campaign, ProgressReport

        campaign = Campaign.objects.get(code=CAMPAIGN)
        c = campaign.pk
        report = (
            ProgressReport.objects.filter(
                period__campaign=campaign, unit__memberships__user__username=USERS["unit"]
            )
            .order_by("-period__end_date")
            .first()
        )
        session = Session.objects.filter(campaign=campaign).order_by("pk").first()
        public = [
            ("plans", reverse("plan_list")),
            ("plan", reverse("plan_detail", args=[campaign.code])),
            ("public posting", reverse("posting_index")),
        ]
        self.pages = {
            "office": [
                ("home", reverse("home")),
                ("campaigns", reverse("campaign_manage_list")),
                ("campaign", reverse("campaign_manage_detail", args=[c])),
                ("office dashboard", reverse("dashboard_office", args=[c])),
                ("review queue", reverse("review_queue")),
                ("submission status", reverse("campaign_submission_status", args=[c])),
                ("obstacles", reverse("obstacle_register", args=[c])),
                ("tasks", reverse("setup_task_list", args=[c])),
                ("screening queue", reverse("screening_queue")),
                ("councils", reverse("council_list")),
                ("sessions", reverse("session_list")),
                ("decisions", reverse("award_decisions")),
                ("registry", reverse("registry_list")),
                ("documents", reverse("report_documents", args=[c])),
                ("notifications", reverse("notification_list")),
                *public,
            ],
            "unit": [
                ("home", reverse("home")),
                ("my reports", reverse("my_reports")),
                ("unit dashboard", reverse("dashboard_unit")),
                ("nominations", reverse("nomination_list")),
                ("unit obstacles", reverse("unit_obstacles")),
                ("profile", reverse("profile")),
            ]
            + ([("report", reverse("report_detail", args=[report.pk]))] if report else []),
            "council": [
                ("home", reverse("home")),
                ("council page", reverse("dashboard_council")),
                ("sessions", reverse("session_list")),
                ("registry", reverse("registry_list")),
            ]
            + ([("session", reverse("session_detail", args=[session.pk]))] if session else []),
        }
        self.campaign = campaign

    def fetch_pages(self, label: str, budget: float | None) -> None:
        slow, wrong, count, worst = [], [], 0, 0.0
        for role, pages in self.pages.items():
            browser = self.browsers[role]
            for name, path in pages:
                answer = browser.request(path)
                count += 1
                worst = max(worst, answer.seconds)
                if answer.status != 200:
                    wrong.append(f"{role} {name} {path}: {answer.status}")
                elif budget is not None and answer.seconds > budget:
                    slow.append(f"{role} {name}: {answer.seconds:.2f} s")
        detail = f"{count} pages, slowest {worst:.2f} s"
        if wrong:
            detail += "; not 200: " + ", ".join(wrong[:5])
        if slow:
            detail += f"; over {budget:.0f} s: " + ", ".join(slow[:5])
        self.results.add(label, not wrong and not slow and count > 0, detail)

    def request_report(self, year: int) -> tuple[Answer, int | None]:
        from django.urls import reverse

        from reports.models import ReportJob

        office = self.browsers["office"]
        path = reverse("report_documents", args=[self.campaign.pk])
        token = office.form_token(path)
        before = set(ReportJob.objects.values_list("pk", flat=True))
        answer = office.request(
            path, {"csrfmiddlewaretoken": token, "kind": "annual", "annual-year": str(year)}
        )
        created = set(ReportJob.objects.values_list("pk", flat=True)) - before
        return answer, (max(created) if created else None)

    def late_period(self):
        """The latest period that units have not all submitted (they get urged)."""
        from django.utils import timezone

        from campaign.models import ReportingPeriod
        from campaign.reminders import _units_not_submitted

        today = timezone.localdate()
        periods = ReportingPeriod.objects.filter(
            campaign=self.campaign, due_date__lt=today
        ).order_by("-due_date")
        return next((p for p in periods if _units_not_submitted([p], today)), None)

    def job_state(self, job_id: int) -> dict:
        from django.urls import reverse

        answer = self.browsers["office"].request(reverse("report_job_status", args=[job_id]))
        try:
            return json.loads(answer.body) if answer.status == 200 else {"http": answer.status}
        except ValueError:
            return {"http": answer.status}

    def wait_finished(self, job_id: int, seconds: float, poll_page: bool) -> tuple[str, float]:
        """Waits for the job to end (polling its page like a browser, or the database)."""
        from django.db import connection

        from reports.models import ReportJob

        started = time.monotonic()

        def finished():
            if poll_page:
                status = self.job_state(job_id).get("status")
            else:
                connection.close()
                status = ReportJob.objects.values_list("status", flat=True).get(pk=job_id)
            return status if status in ("succeeded", "failed") else None

        status = wait_until(finished, seconds, 1.0 if poll_page else 0.5)
        return status or "not finished", time.monotonic() - started

    def download(self, job_id: int) -> Answer:
        from django.urls import reverse

        return self.browsers["office"].request(reverse("report_job_download", args=[job_id]))

    def terminate_backends(self) -> int:
        import psycopg2
        from django.db import connection

        admin = psycopg2.connect(self.db_url)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            killed = cursor.fetchone()[0]
        admin.close()
        connection.close()  # ours was among them
        return killed

    def restart_postgres(self) -> str:
        from django.db import connection

        listing = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
        ).stdout.split()
        version, cluster = listing[0], listing[1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "restart"],
            check=True,
            capture_output=True,
        )
        connection.close()

        def accepting():
            import psycopg2

            try:
                psycopg2.connect(self.db_url, connect_timeout=1).close()
                return True
            except psycopg2.OperationalError:
                return False

        if not wait_until(accepting, 60, 0.5):
            raise RuntimeError("PostgreSQL did not come back after the restart")
        return f"pg_ctlcluster {version} {cluster} restart"

    # --- The steps -----------------------------------------------------------------------------

    def step_start(self) -> bool:
        from django.db import connection

        from units.models import AuditEvent
        from units.tasks import ping_worker

        started = time.monotonic()
        healthy = wait_until(
            lambda: self.anonymous_get("/healthz").status == 200 and self.web.running, 60, 0.3
        )
        token = secrets.token_hex(8)
        ping_worker.delay(token)

        def pinged():
            connection.close()
            return AuditEvent.objects.filter(
                action="system.worker_ping", data__token=token
            ).exists()

        worker_ok = wait_until(pinged, 60, 0.3)
        ok = self.results.add(
            "services start",
            bool(healthy) and bool(worker_ok) and self.beat.running,
            f"gunicorn (2 workers) on :{self.web_port}, worker, beat, redis on "
            f":{self.args.redis_port} in {time.monotonic() - started:.1f} s",
        )
        if not ok:
            return False
        for role, username in USERS.items():
            browser = Browser(self.base)
            if not browser.login(username):
                return self.results.add("log in", False, f"{username} could not log in")
            self.browsers[role] = browser
        self.results.add("log in", True, ", ".join(USERS.values()))
        self.fetch_pages("pages, all services up", None)
        return True

    def anonymous_get(self, path: str) -> Answer:
        return Browser(self.base).request(path, timeout=5)

    def step_redis_hung(self) -> int | None:
        """Redis accepts connections and never answers (SIGSTOP): the worst case for timeouts.
        Returns the job requested meanwhile (nobody polls it: the reaper must send it)."""
        job_id = None
        self.redis.signal_group(signal.SIGSTOP)
        try:
            health = self.anonymous_get("/healthz")
            self.results.add(
                "healthz, Redis hung",
                health.status == 200 and '"degraded"' in health.body,
                f"{health.status} in {health.seconds:.2f} s",
            )
            self.fetch_pages("pages, Redis hung", PAGE_BUDGET)
            answer, job_id = self.request_report(2025)
            state = self.job_state(job_id) if job_id else {}
            self.results.add(
                "report request, Redis hung",
                answer.status == 302
                and answer.seconds < PAGE_BUDGET
                and state.get("waiting_for_service") is True,
                f"answered {answer.status} in {answer.seconds:.2f} s; job {job_id} "
                f"{state.get('status')}",
            )
        finally:
            self.redis.signal_group(signal.SIGCONT)
        return job_id

    def step_redis_down(self) -> dict:
        from django.urls import reverse

        from units.models import OutboxEmail

        state: dict = {}
        self.redis.stop()
        if not wait_until(lambda: not port_open(self.args.redis_port), 10, 0.1):
            self.results.add("Redis stopped", False, "redis-server still answers")
            return state
        health = self.anonymous_get("/healthz")
        try:
            body = json.loads(health.body)
        except ValueError:
            body = {}
        self.results.add(
            "healthz, Redis stopped",
            health.status == 200 and body.get("status") == "degraded",
            f"{health.status} {body} in {health.seconds:.2f} s",
        )
        self.fetch_pages("pages, Redis stopped", PAGE_BUDGET)

        answer, job_id = self.request_report(2024)
        job_page = self.browsers["office"].request(answer.location) if answer.location else None
        status = self.job_state(job_id) if job_id else {}
        page_text = html.unescape(job_page.body) if job_page else ""
        ok = (
            answer.status == 302
            and answer.seconds < PAGE_BUDGET
            and job_page is not None
            and job_page.status == 200
            and status.get("status") == "queued"
            and status.get("waiting_for_service") is True
            and status.get("message", "?") in page_text
        )
        self.results.add(
            "report request, Redis stopped",
            ok,
            f"answered {answer.status} in {answer.seconds:.2f} s; job {job_id} "
            f"{status.get('status')}, page says: {status.get('message', '')[:60]!r}",
        )
        state["job"] = job_id

        period = self.late_period()
        if period is None:
            self.results.add("reminder e-mails, Redis stopped", False, "no period with late units")
            return state
        first_new = (OutboxEmail.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
        status_path = reverse("campaign_submission_status", args=[self.campaign.pk])
        token = self.browsers["office"].form_token(status_path)
        urge = self.browsers["office"].request(
            reverse("campaign_urge_late_units", args=[self.campaign.pk, period.pk]),
            {"csrfmiddlewaretoken": token},
        )
        written = OutboxEmail.objects.filter(pk__gt=first_new)
        pending = written.filter(status=OutboxEmail.Status.PENDING).count()
        self.results.add(
            "reminder e-mails, Redis stopped",
            urge.status == 302 and urge.seconds < PAGE_BUDGET and pending == written.count() > 0,
            f"urge answered {urge.status} in {urge.seconds:.2f} s; {pending} e-mails waiting "
            "in the outbox",
        )
        state["emails_after"] = first_new
        return state

    def step_redis_back(self, state: dict) -> None:
        from units.models import OutboxEmail

        self.start_redis()
        job_id = state.get("job")
        if job_id:
            status, took = self.wait_finished(job_id, 90, poll_page=True)
            pdf = self.download(job_id) if status == "succeeded" else None
            ok = (
                status == "succeeded"
                and pdf is not None
                and pdf.status == 200
                and pdf.raw.startswith(b"%PDF")
                and "application/pdf" in pdf.content_type
            )
            size = len(pdf.raw) if pdf else 0
            self.results.add(
                "Redis back: waiting report built",
                ok,
                f"job {job_id} {status} {took:.1f} s after Redis came back; PDF {size} bytes",
            )
        unpolled = state.get("unpolled")
        if unpolled:
            # Nobody watched this one: beat's reaper sent it.
            status, took = self.wait_finished(unpolled, 60, poll_page=False)
            self.results.add(
                "Redis back: unwatched report built",
                status == "succeeded",
                f"job {unpolled} (requested while Redis hung) {status}",
            )

        def delivered():
            emails = OutboxEmail.objects.filter(pk__gt=state.get("emails_after", 0))
            return emails.exists() and not emails.exclude(status=OutboxEmail.Status.SENT).exists()

        started = time.monotonic()
        ok = wait_until(delivered, 60, 0.5)
        emails = OutboxEmail.objects.filter(pk__gt=state.get("emails_after", 0))
        attempts = sorted(set(emails.values_list("attempts", flat=True)))
        self.results.add(
            "Redis back: e-mails sent once",
            bool(ok) and attempts == [1],
            f"{emails.filter(status=OutboxEmail.Status.SENT).count()}/{emails.count()} sent "
            f"in {time.monotonic() - started:.1f} s, attempts {attempts}",
        )

    def step_postgres(self) -> None:
        if self.args.restart_postgres:
            how = self.restart_postgres()
        else:
            how = f"{self.terminate_backends()} backends terminated"
        self.fetch_pages(f"pages after PostgreSQL restart ({how})", None)
        answer, job_id = self.request_report(2023)
        status, took = (
            self.wait_finished(job_id, 60, poll_page=False) if job_id else ("no job", 0.0)
        )
        self.results.add(
            "report after PostgreSQL restart",
            answer.status == 302 and status == "succeeded",
            f"job {job_id} {status} in {took:.1f} s",
        )

    def step_kill_worker(self) -> None:
        from django.db import connection

        from reports.models import ReportJob

        answer, job_id = self.request_report(2022)
        if job_id is None:
            self.results.add("worker killed mid-build", False, f"request answered {answer.status}")
            return

        def running():
            connection.close()
            return ReportJob.objects.filter(pk=job_id, status="running").exists()

        caught = wait_until(running, 30, 0.02)
        if not caught:
            status = ReportJob.objects.values_list("status", flat=True).get(pk=job_id)
            self.results.add(
                "worker killed mid-build", False, f"never saw job {job_id} running ({status})"
            )
            return
        old = self.worker
        old.kill()
        killed_at = time.monotonic()
        self.start_worker()
        status, _took = self.wait_finished(job_id, 90, poll_page=False)
        job = ReportJob.objects.get(pk=job_id)
        ok = status == "succeeded" or (status == "failed" and bool(job.error))
        self.results.add(
            "worker killed mid-build",
            ok,
            f"job {job_id} {status} after {job.attempts} attempts, "
            f"{time.monotonic() - killed_at:.1f} s after the kill"
            + (f" ({job.error[:60]})" if status == "failed" else ""),
        )

    # --- Running it ----------------------------------------------------------------------------

    def run(self) -> int:
        started = time.monotonic()
        print(
            f"Fault drill — database {self.db_name}, Redis :{self.args.redis_port}, logs in "
            f"{self.logs}",
            flush=True,
        )
        if shutil.which("redis-server") is None:
            print("redis-server is not installed (scripts/services.sh installs it).")
            return 1
        if port_open(self.args.redis_port):
            print(f"Port {self.args.redis_port} is taken: choose another with --redis-port.")
            return 1
        try:
            self.create_database()
            self.results.add("drill database", True, f"{self.db_name} migrated and seeded")
            self.setup_django()
            self.plan_pages()
            self.start_services()
            if self.step_start():
                unpolled = self.step_redis_hung()
                state = self.step_redis_down()
                state["unpolled"] = unpolled
                self.step_redis_back(state)
                self.step_postgres()
                self.step_kill_worker()
        except Exception:
            traceback.print_exc()
            self.results.add("drill ran to the end", False, "stopped by the error above")
        finally:
            self.stop_services()
            if not self.args.keep_db:
                try:
                    self.drop_database()
                except Exception as exc:  # noqa: BLE001 — reported, the drill result stands
                    print(f"Could not drop {self.db_name}: {exc}")
        print()
        print(self.results.table())
        print(f"\nFault drill took {time.monotonic() - started:.0f} s.")
        if self.results.failed:
            print(f"FAILED — service logs kept in {self.logs}")
            for service in (self.web, self.worker, self.beat):
                if service is not None:
                    print(f"--- last lines of {service.log_path.name}\n{service.tail()}")
            return 1
        shutil.rmtree(self.work, ignore_errors=True)
        print("All checks passed.")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="a PostgreSQL URL whose role may create databases; the drill uses <name>_fault_drill",
    )
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    parser.add_argument(
        "--restart-postgres",
        action="store_true",
        help="restart the PostgreSQL cluster for real (CI only: it cuts every other user off)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the drill database")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the drill needs PostgreSQL: give --database-url postgres://…")
    return Drill(args).run()


if __name__ == "__main__":
    sys.exit(main())

"""Browser journeys: Debian's Chromium driven by Playwright against `live_server`.

Every journey goes through the UI only; the ORM builds the starting data (`seed_demo`) and
nothing else. Every page a journey reaches (`goto`, `submit`, `follow`, a login) is audited:
- how long it took to become usable (domContentLoaded), failed above the budget (1 s,
  `BROWSER_PAGE_BUDGET_MS` to change it on a slow machine);
- axe-core (vendored in axe-playwright-python), failed on a serious or critical violation (once
  per person and kind of page: /bao-cao/41/ and /bao-cao/42/ are one kind);
- English words left in the Vietnamese UI.
Each key screen also goes through `Journey.check()`, which runs axe again on the page as it is
then (after typing, after a progress bar finished) and saves a screenshot to
var/screenshots/<test>/<n>-<name>.png (and, with `UPDATE_README_SCREENSHOTS=1`, the README's
images to docs/screenshots/).
The slowest pages of the session are printed at the end and written, slowest first, to
var/screenshots/page-timings.txt.
"""

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
HAS_CHROMIUM = Path(CHROMIUM).exists()
SHOTS = ROOT / "var" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "ThiDua@2025"
BUDGET_MS = float(os.environ.get("BROWSER_PAGE_BUDGET_MS", "1000"))

# Playwright's sync API runs an event loop in this thread; the ORM calls that build the data
# would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# English words that must not show in the Vietnamese UI (whole words, case-sensitive, so that
# Vietnamese syllables such as "to" or "No" in a name are not caught by the lower-case forms).
ENGLISH = re.compile(
    r"\b(the|The|and|of|for|with|your|Your|Submit|Save|Cancel|Delete|Edit|View|Back|Next|"
    r"Previous|Search|Status|Name|Page|Report|Reports|Nomination|Nominations|Session|Council|"
    r"Log in|Log out|Loading|Download|Upload|Select|Choose|Close|Open|Yes|None|Unknown|Add|"
    r"Remove|Total|Date|Action|Actions|Home|Filter|Sort|Show|Hide|Required|This field|"
    r"Accept|Return|Vote|Results|Minutes|Draft|Submitted|Accepted|Returned)\b"
)

TIMINGS: list[dict] = []
KNOWN_VIOLATIONS: list[str] = []
# (person, language, kind of page) already checked by axe during this session.
AXE_DONE: set[tuple[str, str, str]] = set()


def page_kind(path: str) -> str:
    """/khen-thuong/phien-hop/12/bo-phieu/?x=1 → /khen-thuong/phien-hop/N/bo-phieu/?x"""
    path, _, query = path.partition("?")
    kind = re.sub(r"/\d+(?=/|$)", "/N", path)
    keys = sorted({pair.split("=")[0] for pair in query.split("&") if pair})
    return kind + ("?" + "&".join(keys) if keys else "")


def pytest_collection_modifyitems(config, items):
    # Skipped at collection, before pytest-playwright's session fixtures try to launch it.
    if HAS_CHROMIUM:
        return
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM} (scripts/system-packages.sh --browser)"
    )
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded one (`playwright install` cannot run here).
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    """Replaces pytest-playwright's own `base_url` (its fallback when pytest-base-url is not
    installed), a fixture defined as an instance method, which pytest 9 deprecates with a
    PytestRemovedIn10Warning on every run. Same value: --base-url, else the ini's base_url. The
    journeys themselves use `live_server.url`."""
    return pytestconfig.getoption("--base-url", None) or pytestconfig.getini("base_url") or None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 860},
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "accept_downloads": True,
    }


@pytest.fixture
def demo_world(transactional_db, settings, tmp_path):
    """The demo data of `seed_demo` (both provinces, logins ls.* / hn.*)."""
    import importlib

    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", quiet=True)
    yield
    if connection.vendor == "sqlite":
        # The demo has a closed council session, whose rows SQLite's triggers refuse to delete
        # (PostgreSQL's flush truncates, which fires no row trigger): empty the tables without
        # them, then put them back for the tests that follow.
        guards = importlib.import_module("awards.migrations.0004_session_guards")
        with connection.cursor() as cursor:
            for statement in guards._sqlite_reverse():
                cursor.execute(statement)
        call_command("flush", interactive=False, verbosity=0)
        with connection.cursor() as cursor:
            for statement in guards._sqlite_forward():
                cursor.execute(statement)


@dataclass
class Journey:
    """One browser tab of one person, with the checks every key screen goes through."""

    page: object
    base_url: str
    test_name: str
    who: str = ""
    counter: list = field(default_factory=lambda: [0])
    # performance.timeOrigin of the last document audited: a new one means a new page.
    audited: float | None = None

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        self.audit()  # the page being left, if reached by a plain click
        response = self.page.goto(self.url(path))
        self.page.wait_for_load_state("load")
        self.audit()
        return response

    def follow(self, target):
        """Clicks a link (a selector or a locator) and audits the page it leads to."""
        self.audit()
        locator = self.page.locator(target) if isinstance(target, str) else target
        with self.page.expect_navigation():
            locator.click()
        self.page.wait_for_load_state("load")
        self.audit()

    def login(self, username: str):
        self.goto("/tai-khoan/dang-nhap/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        with self.page.expect_navigation():
            self.page.click("main button[type=submit]")
        assert "/tai-khoan/dang-nhap/" not in self.page.url, f"login of {username} failed"
        self.who = username
        self.page.wait_for_load_state("load")
        self.audit()

    def submit(self, selector: str, *, confirm: bool | None = None):
        """Clicks a submit button and waits for the next page. `confirm`: the confirmation
        dialog that must appear (True: accept it, False: dismiss it)."""
        asked = []

        def on_dialog(dialog):
            asked.append(dialog.message)
            dialog.accept() if confirm else dialog.dismiss()

        self.audit()
        self.page.on("dialog", on_dialog)
        try:
            if confirm is False:
                self.page.click(selector)
                self.page.wait_for_timeout(300)
            else:
                with self.page.expect_navigation():
                    self.page.click(selector)
                self.page.wait_for_load_state("load")
        finally:
            self.page.remove_listener("dialog", on_dialog)
        if confirm is not None:
            assert asked, f"no confirmation asked before {selector}"
        else:
            assert not asked, f"unexpected dialog: {asked}"
        if confirm is not False:
            self.audit()
        return asked[0] if asked else None

    def audit(self, name: str | None = None, *, axe_known: tuple[str, ...] = ()) -> bool:
        """Every page, once: timing, no English leftovers, axe (once per kind of page and person).
        True when axe ran on it just now."""
        origin = self.page.evaluate("performance.timeOrigin")
        if origin == self.audited or self.page.url.startswith("about:"):
            return False
        self.audited = origin
        path = self.page.url.replace(self.base_url, "")
        self.timing(name or path)
        lang = self.page.locator("html").get_attribute("lang") or ""
        if lang.startswith("vi"):
            self.no_english()
        key = (self.who, lang, page_kind(path))
        if key in AXE_DONE:
            return False
        AXE_DONE.add(key)
        self.axe(known=axe_known)
        return True

    # --- checks --------------------------------------------------------------------------
    NAVIGATION = """() => { const n = performance.getEntriesByType('navigation')[0];
        return n ? {ready: n.domContentLoadedEventEnd, load: n.loadEventEnd} : null }"""

    def timing(self, name: str) -> dict:
        """How long the page took to become usable (domContentLoaded after the navigation
        started, redirects of a form post included). Above the budget the page is opened once
        more in another tab (a GET, never a resubmitted form): the first view of a page pays
        for cold caches, and the machines that run the suite are shared. Both are recorded."""
        entry = self.page.evaluate(self.NAVIGATION)
        assert entry, f"no navigation timing on {self.page.url}"
        row = {
            "test": self.test_name.split("[")[0],
            "screen": name,
            "who": self.who or "anonymous",
            "url": self.page.url.replace(self.base_url, ""),
            "ready": round(entry["ready"]),
            "load": round(entry["load"]),
            "first": None,
        }
        if row["ready"] > BUDGET_MS:
            again = self.page.context.new_page()
            try:
                again.goto(self.page.url)
                again.wait_for_load_state("load")
                second = again.evaluate(self.NAVIGATION)
            finally:
                again.close()
            row["first"] = row["ready"]
            row["ready"], row["load"] = round(second["ready"]), round(second["load"])
        TIMINGS.append(row)
        assert row["ready"] <= BUDGET_MS, (
            f"{row['url']} took {row['first']} ms, then {row['ready']} ms, to become usable "
            f"(budget {BUDGET_MS:.0f} ms)"
        )
        return row

    def axe(self, known: tuple[str, ...] = ()):
        """Fails on a serious or critical violation. `known`: rule ids of violations in pages
        this suite may not fix (another area's templates), reported at the end instead."""
        from axe_playwright_python.sync_playwright import Axe

        response = Axe().run(self.page).response
        bad = [v for v in response["violations"] if v["impact"] in ("serious", "critical")]
        for v in [v for v in bad if v["id"] in known]:
            KNOWN_VIOLATIONS.append(
                f"{self.page.url.replace(self.base_url, '')}: {v['id']} "
                f"{[n['target'] for n in v['nodes']][:5]}"
            )
        bad = [v for v in bad if v["id"] not in known]
        assert not bad, "axe on {}: {}".format(
            self.page.url,
            "; ".join(
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in bad
            ),
        )

    def no_english(self):
        chunks = [self.page.inner_text("body")]
        chunks += self.page.eval_on_selector_all(
            "[aria-label], [placeholder], [title], [alt], input[type=submit], option",
            """els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder'),
                e.getAttribute('title'), e.getAttribute('alt'),
                e.type === 'submit' ? e.value : null,
                e.tagName === 'OPTION' ? e.textContent : null].filter(Boolean).join(' | '))""",
        )
        found = set()
        for chunk in chunks:
            for match in ENGLISH.finditer(chunk):
                found.add(chunk[max(0, match.start() - 25) : match.end() + 25].replace("\n", " "))
        assert not found, f"English text on {self.page.url}: {sorted(found)}"

    def shot(self, name: str, *, readme: str | None = None, full_page: bool = True):
        self.counter[0] += 1
        folder = SHOTS / self.test_name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.counter[0]:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        if readme and os.environ.get("UPDATE_README_SCREENSHOTS"):
            README_SHOTS.mkdir(parents=True, exist_ok=True)
            # The README shows the first screen, as a person sees it on arrival.
            self.page.screenshot(path=str(README_SHOTS / f"{readme}.png"), full_page=False)
        return path

    def check(
        self,
        name: str,
        *,
        readme: str | None = None,
        full_page: bool = True,
        axe_known: tuple[str, ...] = (),
    ):
        """A key screen: the audit of its page if not done yet, axe again on the page as it is
        now (filled in, updated by its script), a screenshot."""
        if not self.audit(name, axe_known=axe_known):
            self.axe(known=axe_known)
        return self.shot(name, readme=readme, full_page=full_page)


@pytest.fixture
def journey(request, demo_world, live_server, page, browser, browser_context_args):
    """`journey(username)` → a Journey in a browser context of its own (separate cookies), so
    that several people act side by side; the first one reuses pytest-playwright's page."""
    name = request.node.name
    folder = SHOTS / name
    if folder.exists():
        shutil.rmtree(folder)
    counter = [0]
    contexts = []

    def start(username: str | None = None) -> Journey:
        if contexts:
            context = browser.new_context(**browser_context_args)
            contexts.append(context)
            tab = context.new_page()
        else:
            contexts.append(page.context)
            tab = page
        tab.set_default_timeout(15_000)
        j = Journey(tab, live_server.url, name, counter=counter)
        if username:
            j.login(username)
        return j

    yield start
    for context in contexts[1:]:
        context.close()


def timing_line(row: dict) -> str:
    first = f" (first view {row['first']} ms)" if row["first"] else ""
    return (
        f"{row['ready']:>6} ms ready {row['load']:>6} ms load{first}  {row['url']}  "
        f"[{row['test']} / {row['screen']} / {row['who']}]"
    )


def pytest_terminal_summary(terminalreporter):
    if not TIMINGS:
        return
    slowest = sorted(TIMINGS, key=lambda row: row["first"] or row["ready"], reverse=True)
    terminalreporter.section("browser page timings (ms until domContentLoaded)")
    for row in slowest[:10]:
        terminalreporter.write_line(timing_line(row))
    terminalreporter.write_line(
        f"{len(TIMINGS)} pages measured; budget {BUDGET_MS:.0f} ms; all of them, slowest "
        f"first: {(SHOTS / 'page-timings.txt').relative_to(ROOT)}"
    )
    if KNOWN_VIOLATIONS:
        terminalreporter.section("known accessibility violations (not failed)")
        for line in sorted(set(KNOWN_VIOLATIONS)):
            terminalreporter.write_line(line)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "timings.json").write_text(json.dumps(TIMINGS, indent=1, ensure_ascii=False))
    (SHOTS / "page-timings.txt").write_text(
        "ms until domContentLoaded (ready) and load, slowest first; budget "
        f"{BUDGET_MS:.0f} ms\n" + "\n".join(timing_line(row) for row in slowest) + "\n",
        encoding="utf-8",
    )

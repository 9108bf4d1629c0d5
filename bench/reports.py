"""Time and memory of the summary reports (DESIGN §5: the annual report at the scale of a
province under 15 s and 500 MB in a worker).

    .venv/bin/python bench/reports.py \\
        [--scale-db postgres://portal:portal@127.0.0.1:5432/portal_scale] \\
        [--demo-db sqlite:////path/db.sqlite3] [--year 2024] [--out /tmp] [--check]

Two builds, each in a fresh child process (so that its peak memory is its own) with its own
DATABASE_URL:

- final: the tổng kết of the province-scale campaign (`manage.py seed_scale` data, found by
  campaign.scale), in the scale database;
- annual: the sơ kết of `--year` of the Lạng Sơn demo campaign (`manage.py seed_demo`), in the
  demo database (default: DATABASE_URL, else the checkout's SQLite file).

Each child creates a ReportJob row and runs the registered builder exactly as a worker does
(figures, charts, number, layout, PDF), then prints: wall time of the whole build and of its
phases (the builder's progress steps), CPU time, peak RSS (resource.getrusage ru_maxrss) and,
with `--tracemalloc`, the peak of Python allocations (slower). Nothing else is written to the
databases but the job row and the document number (kept per document: reruns reuse it).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"final": (15.0, 500), "annual": (3.0, 500)}  # seconds, MB
DEMO_CAMPAIGN = "ls-stnmt-gpmb-2022-2025"


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def child(kind: str, year: int | None, out: str, use_tracemalloc: bool) -> dict:
    """One build, in this process; returns the measurements."""
    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    started = time.perf_counter()
    cpu_started = time.process_time()
    setup_django()
    from campaign import scale
    from campaign.models import Campaign
    from reports.builders import get_builder
    from reports.models import Kind, ReportJob

    if kind == "final":
        campaign = scale.campaign() if hasattr(scale, "campaign") else None
        campaign = (
            campaign
            or Campaign.objects.filter(issuing_organization__code=scale.DEPARTMENT_CODE).first()
        )
        job_kind, job_year = Kind.FINAL, None
    else:
        campaign = Campaign.objects.filter(code=DEMO_CAMPAIGN).first()
        job_kind, job_year = Kind.ANNUAL, year
    if campaign is None:
        return {"error": f"no campaign for the {kind} report in this database"}
    job = ReportJob.objects.create(
        kind=job_kind,
        campaign=campaign,
        year=job_year or campaign.final_review_year,
        parameters={"bench": True},
    )
    setup_seconds = time.perf_counter() - started
    steps = []
    build_started = time.perf_counter()

    def progress(percent, step):
        steps.append((round(time.perf_counter() - build_started, 3), percent, str(step)))

    document = get_builder(job_kind)(job, progress)
    build_seconds = time.perf_counter() - build_started
    result = {
        "kind": kind,
        "campaign": campaign.code,
        "year": job.year,
        "pages": document.pages,
        "bytes": len(document.pdf),
        "number": document.number,
        "setup_s": round(setup_seconds, 2),
        "build_s": round(build_seconds, 2),
        "cpu_s": round(time.process_time() - cpu_started, 2),
        # ru_maxrss is in kilobytes on Linux.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "steps": steps,
    }
    if use_tracemalloc:
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    if out:
        path = Path(out) / f"bench-{kind}.pdf"
        path.write_bytes(document.pdf)
        result["file"] = str(path)
    return result


def run_child(kind, database_url, args) -> dict:
    env = dict(os.environ)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    command = [sys.executable, __file__, "--child", kind, "--year", str(args.year)]
    if args.out:
        command += ["--out", args.out]
    if args.tracemalloc:
        command.append("--tracemalloc")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        return {"kind": kind, "error": (done.stderr or done.stdout).strip()[-2000:]}
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale-db", default=os.environ.get("SCALE_DATABASE_URL", ""))
    parser.add_argument("--demo-db", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--only", choices=["final", "annual"])
    parser.add_argument("--out", default="", help="folder to write the PDFs to")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", choices=["final", "annual"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(child(args.child, args.year, args.out, args.tracemalloc)))
        return 0

    missed = False
    plan = [("final", args.scale_db), ("annual", args.demo_db)]
    for kind, url in plan:
        if args.only and kind != args.only:
            continue
        if kind == "final" and not url:
            print("final: skipped (no --scale-db)")
            continue
        result = run_child(kind, url, args)
        if "error" in result:
            print(f"{kind}: FAILED\n{result['error']}")
            missed = True
            continue
        seconds, megabytes = TARGETS[kind]
        ok = result["build_s"] < seconds and result["peak_rss_mb"] < megabytes
        missed |= not ok
        print(
            f"{kind:7} {result['campaign']} {result['year']}: {result['pages']} pages, "
            f"{result['bytes'] / 1024:.0f} KB, {result['number']}\n"
            f"        build {result['build_s']} s (cpu {result['cpu_s']} s, django setup "
            f"{result['setup_s']} s), peak RSS {result['peak_rss_mb']} MB"
            + (
                f", tracemalloc peak {result['tracemalloc_peak_mb']} MB"
                if "tracemalloc_peak_mb" in result
                else ""
            )
        )
        for at, percent, step in result["steps"]:
            print(f"          {at:7.2f} s  {percent:3d} %  {step}")
        print(f"        [{'ok' if ok else 'MISSED'}] target < {seconds:g} s and < {megabytes} MB")
    return 1 if (missed and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())

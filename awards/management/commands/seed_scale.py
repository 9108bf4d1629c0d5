"""`manage.py seed_scale`: the province-scale data set of DESIGN §5 (campaign/scale.py builds the
progress data, awards/scale.py the nominations, council sessions, decisions and the registry).

    python manage.py seed_scale [--seed N] [--units 300] [--projects 100] [--tasks 2000]
        [--indicators-per-task 5] [--years 4] [--council 30] [--obstacles 2000]
        [--nominations 5000] [--reset]

It lives in awards because campaign must not import awards (units ← campaign ← awards).

Refuses to run on a database that already holds the scale province, unless --reset is given:
then that province's tree (and only it) is deleted first.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from campaign import scale as campaign_scale
from units.text import vn_number

from ... import scale


class Command(BaseCommand):
    help = (
        "Builds the province-scale data set (300 units, 2,000 tasks, 4 years of monthly reports, "
        "5,000 nominations)."
    )

    def add_arguments(self, parser):
        defaults = scale.ScaleConfig()
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument("--units", type=int, default=defaults.units)
        parser.add_argument("--projects", type=int, default=defaults.projects)
        parser.add_argument("--tasks", type=int, default=defaults.tasks)
        parser.add_argument("--indicators-per-task", type=int, default=defaults.indicators_per_task)
        parser.add_argument("--years", type=int, default=defaults.years)
        parser.add_argument("--council", type=int, default=defaults.council)
        parser.add_argument("--obstacles", type=int, default=defaults.obstacles)
        parser.add_argument("--nominations", type=int, default=defaults.nominations)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the scale province's data first (only that tree).",
        )

    def handle(self, *args, **options):
        config = scale.ScaleConfig(
            seed=options["seed"],
            units=options["units"],
            projects=options["projects"],
            tasks=options["tasks"],
            indicators_per_task=options["indicators_per_task"],
            years=options["years"],
            council=options["council"],
            obstacles=options["obstacles"],
            nominations=options["nominations"],
        )
        problems = config.errors()
        if problems:
            raise CommandError("; ".join(problems))
        if scale.scale_exists():
            if not options["reset"]:
                raise CommandError(
                    _(
                        "The scale data set is already in this database (organization "
                        "“%(code)s”). Run again with --reset to delete it and build it anew."
                    )
                    % {"code": campaign_scale.PROVINCE_CODE}
                )
            scale.reset(log=self.show_step)
        self.stdout.write(
            _("Building the scale data set (seed %(seed)s) into the %(vendor)s database …")
            % {"seed": config.seed, "vendor": connection.vendor}
        )
        result = scale.build(config, log=self.show_step)
        self.stdout.write(_("Rows written (and the time spent inserting them):"))
        for label, count in sorted(result.counts.items()):
            seconds = _seconds(result.write_seconds[label])
            self.stdout.write(f"  {label:<28} {vn_number(count):>10}  {seconds:>7} s")
        self.stdout.write(
            self.style.SUCCESS(
                _("Done in %(seconds)s s: %(rows)s rows. Campaign “%(code)s” (id %(pk)s).")
                % {
                    "seconds": _seconds(result.seconds, 1),
                    "rows": vn_number(sum(result.counts.values())),
                    "code": result.campaign.code,
                    "pk": result.campaign.pk,
                }
            )
        )
        self.stdout.write(
            _(
                "Logins (password %(password)s): %(office)s (department office), "
                "%(staff)s / %(head)s (unit staff / head), %(chair)s (council chair), "
                "%(member)s … (council members)."
            )
            % {
                "password": campaign_scale.PASSWORD,
                "office": f"{campaign_scale.USERNAME_PREFIX}vanphong",
                "staff": f"{campaign_scale.USERNAME_PREFIX}canbo1",
                "head": f"{campaign_scale.USERNAME_PREFIX}lanhdao1",
                "chair": f"{campaign_scale.USERNAME_PREFIX}hoidong01",
                "member": f"{campaign_scale.USERNAME_PREFIX}hoidong02",
            }
        )

    def show_step(self, timing: campaign_scale.StepTiming) -> None:
        rows = f"  ({vn_number(timing.rows)})" if timing.rows else ""
        self.stdout.write(f"  {timing.label:<44} {_seconds(timing.seconds):>8} s{rows}")


def _seconds(value: float, places: int = 2) -> str:
    return vn_number(Decimal(f"{value:.{places}f}"))

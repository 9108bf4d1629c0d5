"""Keeps `IndicatorState` (accepted progress per indicator as of each period's end) in step.

The state of an indicator at period P counts the accepted, non-empty values of the periods
ending on or before P's end: the latest of them (cumulative indicators) and their sum
(per-period indicators). Every period from the first accepted value on gets a row, so a cut-off
reads at most one row per indicator: that of the last period ending on or before it (no row:
no accepted value yet).

Call `refresh(indicator_ids)` after accepting a report (its indicators) and
`refresh_campaign(campaign_id)` after periods change. `rebuild_all()` is for migrations and
the `refresh_progress_state` command.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

BATCH = 500  # indicators per round: bounds memory on the province-scale data set


def _models(apps=None):
    if apps is None:
        from . import models

        return (
            models.Indicator,
            models.IndicatorValue,
            models.IndicatorState,
            models.ReportingPeriod,
        )
    return (
        apps.get_model("campaign", "Indicator"),
        apps.get_model("campaign", "IndicatorValue"),
        apps.get_model("campaign", "IndicatorState"),
        apps.get_model("campaign", "ReportingPeriod"),
    )


def refresh(indicator_ids: Iterable[int], *, apps=None) -> int:
    """Recomputes the states of these indicators over all their campaign's periods; returns
    the number of rows written."""
    Indicator, IndicatorValue, IndicatorState, ReportingPeriod = _models(apps)
    ids = sorted(set(indicator_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        written += _refresh_chunk(chunk, Indicator, IndicatorValue, IndicatorState, ReportingPeriod)
    return written


@transaction.atomic
def _refresh_chunk(chunk, Indicator, IndicatorValue, IndicatorState, ReportingPeriod) -> int:
    # Two acceptances (or a period change) touching one indicator must not interleave their
    # delete and insert: lock the indicators first.
    campaign_of = dict(
        Indicator.objects.select_for_update(of=("self",))
        .filter(pk__in=chunk)
        .order_by("pk")
        .values_list("pk", "task__campaign_id")
    )
    periods_of: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for pk, campaign_id, end in (
        ReportingPeriod.objects.filter(campaign_id__in=set(campaign_of.values()))
        .order_by("end_date", "pk")
        .values_list("pk", "campaign_id", "end_date")
    ):
        periods_of[campaign_id].append((pk, end))
    values: dict[int, list[tuple[object, object]]] = defaultdict(list)
    for indicator_id, end, value in (
        IndicatorValue.objects.filter(
            indicator_id__in=chunk, report__status="accepted", value__isnull=False
        )
        .order_by("indicator_id", "report__period__end_date", "report__period_id")
        .values_list("indicator_id", "report__period__end_date", "value")
    ):
        values[indicator_id].append((end, value))

    rows = []
    for indicator_id, campaign_id in campaign_of.items():
        history = values.get(indicator_id, [])
        position, latest, latest_date, total = 0, None, None, None
        for period_id, end in periods_of.get(campaign_id, []):
            while position < len(history) and history[position][0] <= end:
                latest_date, latest = history[position]
                total = latest if total is None else total + latest
                position += 1
            if latest_date is None:
                continue  # no row means no accepted value yet
            rows.append(
                IndicatorState(
                    indicator_id=indicator_id,
                    period_id=period_id,
                    latest_value=latest,
                    latest_date=latest_date,
                    total=total,
                )
            )
    IndicatorState.objects.filter(indicator_id__in=chunk).delete()
    IndicatorState.objects.bulk_create(rows, batch_size=2000)
    bump_version(*set(campaign_of.values()))
    return len(rows)


def refresh_campaign(campaign_id: int, *, apps=None) -> int:
    Indicator = _models(apps)[0]
    ids = Indicator.objects.filter(task__campaign_id=campaign_id).values_list("pk", flat=True)
    return refresh(list(ids), apps=apps)


def rebuild_all(*, apps=None) -> int:
    Indicator = _models(apps)[0]
    return refresh(list(Indicator.objects.values_list("pk", flat=True)), apps=apps)


# --- Figures version ----------------------------------------------------------------------------
# A counter per campaign in the shared cache, bumped whenever what the dashboards compute from
# the campaign's indicators may have changed (an acceptance, tasks or indicators edited, periods
# added). Computed figures are kept under it (metrics.campaign_progress), so a dashboard reads
# them again only after a change. Bumped at once and again on commit: a reader between the two
# could otherwise keep figures of the old data under the new number.

VERSION_TIMEOUT = 60 * 60 * 24 * 30


def _version_key(campaign_id: int) -> str:
    return f"campaign:{campaign_id}:figures"


def bump_version(*campaign_ids: int) -> None:
    from django.core.cache import cache

    def bump():
        for campaign_id in set(campaign_ids):
            key = _version_key(campaign_id)
            try:
                cache.incr(key)
            except ValueError:  # not there yet (or the cache is unreachable)
                cache.set(key, 1, VERSION_TIMEOUT)

    bump()
    transaction.on_commit(bump)


def figures_version(campaign_id: int) -> int | None:
    """The campaign's figures version; None when the shared cache cannot say."""
    from django.core.cache import cache

    key = _version_key(campaign_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, VERSION_TIMEOUT)
        version = cache.get(key)
    return version

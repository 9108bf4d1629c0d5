"""Access to campaigns. Every campaign view goes through these helpers."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import get_access
from units.models import Organization, Role

from .models import Campaign, TableExport

EDITOR_ROLES = (Role.SECRETARIAT,)


def manageable_organizations(user):
    """Organizations for which `user` may issue and edit plans."""
    access = get_access(user)
    if access.is_superuser:
        return Organization.objects.all()
    orgs = access.organizations(EDITOR_ROLES)
    if not orgs:
        return Organization.objects.none()
    query = Q()
    for org in orgs:
        query |= Q(path__startswith=org.path)
    return Organization.objects.filter(query)


def can_manage_campaigns(user) -> bool:
    access = get_access(user)
    return access.is_superuser or bool(access.roles & set(EDITOR_ROLES))


def campaigns_for_manager(user):
    """The campaigns a secretariat user manages; a user with no such role gets a 403."""
    if not can_manage_campaigns(user):
        raise PermissionDenied
    return Campaign.objects.filter(issuing_organization__in=manageable_organizations(user))


def campaign_for_user(request, pk, *, manage: bool = False) -> tuple[Campaign, bool]:
    """(campaign, can_edit) for a signed-in user.

    A campaign of an unrelated organization is a 404. With `manage`, a related user without an
    editor role for the issuing organization gets a 403.
    """
    access = get_access(request.user)
    try:
        campaign = Campaign.objects.select_related("issuing_organization").get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    org = campaign.issuing_organization
    if not access.can_see(org):
        raise Http404
    can_edit = access.has_role(org, EDITOR_ROLES)
    if manage and not can_edit:
        raise PermissionDenied
    return campaign, can_edit


def public_campaign(code: str) -> Campaign:
    """A plan anyone may read: published or closed; drafts do not exist for the public."""
    try:
        return Campaign.objects.published().select_related("issuing_organization").get(code=code)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


# --- Progress reports ---------------------------------------------------------------------------


def unit_for_reporting(request, unit_pk) -> Organization:
    """A unit whose reports the user may read: their own unit (unit roles) or, for the
    secretariat, any unit under their organization. Other units are a 404."""
    from units.access import UNIT_ROLES

    access = get_access(request.user)
    try:
        unit = Organization.objects.get(pk=unit_pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if access.has_role(unit, UNIT_ROLES) or access.has_role(unit, EDITOR_ROLES):
        return unit
    if access.can_see(unit) and access.covers(unit):
        raise PermissionDenied
    raise Http404


def report_for_user(request, pk):
    """(report, perms) where perms says what the user may do with it.

    Unit staff and heads see their own unit's reports; the secretariat of the issuing
    organization sees and reviews all of its campaign's reports. Another unit's report is a
    404; a related user without a reporting role (a council member) gets a 403.
    """
    from units.access import UNIT_ROLES

    from .models import ProgressReport

    access = get_access(request.user)
    try:
        report = ProgressReport.objects.select_related(
            "unit", "period__campaign__issuing_organization"
        ).get(pk=pk)
    except (ProgressReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    org = report.period.campaign.issuing_organization
    is_unit = access.has_role(report.unit, UNIT_ROLES)
    is_reviewer = access.has_role(org, EDITOR_ROLES)
    if not (is_unit or is_reviewer):
        if access.covers(report.unit):
            raise PermissionDenied
        raise Http404
    perms = {
        "edit": is_unit and report.is_editable,
        "submit": access.has_role(report.unit, [Role.UNIT_HEAD]) and report.is_editable,
        "review": is_reviewer and report.status == ProgressReport.Status.SUBMITTED,
        "is_unit": is_unit,
        "is_reviewer": is_reviewer,
    }
    return report, perms


# --- Obstacles register -------------------------------------------------------------------------


def obstacle_for_manager(request, campaign_pk, obstacle_pk):
    """(campaign, obstacle) for the issuing organization's office. Another organization's
    campaign is a 404 and a related user without the office role a 403 (campaign_for_user);
    an obstacle of another campaign is a 404."""
    from .models import Obstacle

    campaign, _can_edit = campaign_for_user(request, campaign_pk, manage=True)
    try:
        obstacle = Obstacle.objects.select_related(
            "unit", "task__content_item", "task__project", "owner__person", "report__period"
        ).get(pk=obstacle_pk, campaign=campaign)
    except (Obstacle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    return campaign, obstacle


def obstacles_for_unit_user(user):
    """The obstacles of the units where `user` holds a unit role (staff or head), with their
    subtrees; a user without a unit role gets a 403."""
    from units.access import UNIT_ROLES

    from .models import Obstacle

    units = get_access(user).organizations(UNIT_ROLES)
    if not units:
        raise PermissionDenied
    query = Q()
    for unit in units:
        query |= Q(unit__path__startswith=unit.path)
    return Obstacle.objects.filter(query)


# --- Campaign setup: key projects, tasks, periods -----------------------------------------------


def project_owner_choices(user):
    """Organizations a user may create key projects for: those where they are the secretariat
    (an administrator: every body that issues campaigns). No such role is a 403."""
    if not can_manage_campaigns(user):
        raise PermissionDenied
    access = get_access(user)
    if access.is_superuser:
        return Organization.objects.filter(campaigns__isnull=False).distinct()
    return Organization.objects.filter(pk__in=[o.pk for o in access.organizations(EDITOR_ROLES)])


def projects_for_manager(user):
    """Key projects of the organizations a secretariat user manages; others get a 403."""
    from .models import KeyProject

    if not can_manage_campaigns(user):
        raise PermissionDenied
    return KeyProject.objects.filter(organization__in=manageable_organizations(user))


def project_for_user(request, pk):
    """A key project the user manages. Another organization's project is a 404; a related user
    without the secretariat role gets a 403."""
    from .models import KeyProject

    access = get_access(request.user)
    try:
        project = KeyProject.objects.select_related("organization").get(pk=pk)
    except (KeyProject.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not access.can_see(project.organization):
        raise Http404
    if not access.has_role(project.organization, EDITOR_ROLES):
        raise PermissionDenied
    return project


def task_of_campaign(campaign, task_pk):
    """A task of a campaign the caller already checked; a task of another campaign is a 404."""
    from .models import Task

    try:
        return Task.objects.select_related("content_item", "unit", "project").get(
            pk=task_pk, campaign=campaign
        )
    except (Task.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def period_of_campaign(campaign, period_pk):
    """A reporting period of a campaign the caller already checked; otherwise a 404."""
    from .models import ReportingPeriod

    try:
        return ReportingPeriod.objects.get(pk=period_pk, campaign=campaign)
    except (ReportingPeriod.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# --- Excel round trip of a unit's report --------------------------------------------------------


def period_and_unit_for_reporting(request, period_pk, unit_pk):
    """(period, unit) for a unit the user may report for or read (unit_for_reporting: another
    unit is a 404, a related user without a reporting role a 403) and a period of a campaign
    in which that unit has tasks (otherwise a 404)."""
    from .models import ReportingPeriod, Task

    unit = unit_for_reporting(request, unit_pk)
    try:
        period = ReportingPeriod.objects.select_related("campaign").get(pk=period_pk)
    except (ReportingPeriod.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not Task.objects.filter(campaign_id=period.campaign_id, unit=unit).exists():
        raise Http404
    return period, unit


# --- Unit dashboard -----------------------------------------------------------------------------


def unit_for_dashboard(request, unit_pk=None) -> tuple[Organization, list[Organization]]:
    """(unit, units) for the unit dashboard: `units` are the organizations where the user holds a
    unit role (staff or head), by path; `unit` is the one asked for (`unit_pk`) or the first.

    A unit the user holds no unit role for is a 404 (another unit's figures do not exist for
    them), as is an id that is not a number or not a unit. A user without any unit role gets a
    403, and so does the office of a unit it covers.
    """
    from units.access import UNIT_ROLES

    access = get_access(request.user)
    units = sorted(
        {org.pk: org for org in access.organizations(UNIT_ROLES)}.values(), key=lambda o: o.path
    )
    if unit_pk in (None, ""):
        if not units:
            raise PermissionDenied
        return units[0], units
    try:
        pk = int(unit_pk)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    unit = next((org for org in units if org.pk == pk), None)
    if unit is not None:
        return unit, units
    try:
        unit = Organization.objects.get(pk=pk)
    except Organization.DoesNotExist as exc:
        raise Http404 from exc
    # A head's role in a parent body covers the units under it, as for the reports themselves.
    if access.has_role(unit, UNIT_ROLES):
        return unit, units
    if not units and access.covers(unit):
        raise PermissionDenied
    raise Http404


def check_can_manage(user, campaign: Campaign) -> None:
    """A 403 unless `user` holds an editor role for the campaign's issuing organization."""
    if not get_access(user).has_role(campaign.issuing_organization, EDITOR_ROLES):
        raise PermissionDenied


def export_for_user(request, pk) -> TableExport:
    """A table export: only its requester sees it (a 404 for anyone else), and only while they
    may still manage its campaign (a 403)."""
    try:
        export = TableExport.objects.select_related("campaign__issuing_organization").get(
            pk=pk, requested_by=request.user
        )
    except (TableExport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    check_can_manage(request.user, export.campaign)
    return export

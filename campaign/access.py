"""Access to campaigns. Every campaign view goes through these helpers."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import get_access
from units.models import Organization, Role

from .models import Campaign

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

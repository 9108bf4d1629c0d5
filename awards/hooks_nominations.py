"""What the nominations screens add to lower apps: audit labels, panels, home steps."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import home
from units.access import UNIT_ROLES
from units.audit import register_labels
from units.models import Role

from .access import OFFICE_ROLES
from .models import Nomination

register_labels(
    {
        "awards.nomination.created": gettext_lazy("Nomination drafted"),
        "awards.nomination.saved": gettext_lazy("Nomination saved"),
        "awards.nomination.refilled": gettext_lazy("Achievements filled again from progress data"),
        "awards.nomination.attachment_added": gettext_lazy("File attached to a nomination"),
        "awards.nomination.attachment_deleted": gettext_lazy("File removed from a nomination"),
        "awards.nomination.submitted": gettext_lazy("Nomination submitted"),
        "awards.nomination.resubmitted": gettext_lazy("Nomination submitted again"),
        "awards.screening.saved": gettext_lazy("Screening checklist saved"),
        "awards.nomination.accepted": gettext_lazy("Nomination accepted by the office"),
        "awards.nomination.returned": gettext_lazy("Nomination returned to the unit"),
        "awards.posting.comment_received": gettext_lazy("Public comment received"),
        "awards.posting.comments_read": gettext_lazy("Public comments marked as read"),
    }
)


def _under(field: str, organizations) -> Q:
    query = Q(pk__in=[])
    for org in organizations:
        query |= Q(**{f"{field}__path__startswith": org.path})
    return query


@home.register
def nomination_steps(request, access):
    steps = []
    unit_orgs = access.organizations(UNIT_ROLES)
    if unit_orgs:
        heads = access.organizations([Role.UNIT_HEAD])
        # What waits for the head's signature; for staff, what was sent back to them.
        pending = Nomination.objects.filter(
            _under("unit", heads or unit_orgs),
            status__in=(
                [Nomination.Status.DRAFT, Nomination.Status.RETURNED]
                if heads
                else [Nomination.Status.RETURNED]
            ),
        ).count()
        steps.append(
            home.NextStep(
                title=_("Nominations to submit") if heads else _("Nominations"),
                description=(
                    _(
                        "%(count)s nominations of your unit are drafts or were returned: check "
                        "and submit them to the department office."
                    )
                    % {"count": pending}
                    if heads
                    else _(
                        "Propose a collective, a person or a household for an award of the "
                        "campaign, with the achievement report. Returned nominations are "
                        "counted here."
                    )
                ),
                url=reverse("nomination_list"),
                action_label=_("Open the nominations"),
                count=pending or None,
            )
        )
    office_orgs = access.organizations(OFFICE_ROLES)
    if office_orgs:
        counts = Nomination.objects.filter(
            _under("campaign__issuing_organization", office_orgs)
        ).aggregate(
            waiting=Count("pk", filter=Q(status=Nomination.Status.SUBMITTED)),
            unread=Count("comments", filter=Q(comments__read_at__isnull=True)),
        )
        description = _("%(count)s nominations are waiting to be screened.") % {
            "count": counts["waiting"]
        }
        if counts["unread"]:
            description += " " + _("%(count)s public comments are not read yet.") % {
                "count": counts["unread"]
            }
        steps.append(
            home.NextStep(
                title=_("Nominations to screen"),
                description=description,
                url=reverse("screening_queue"),
                action_label=_("Screen nominations"),
                count=(counts["waiting"] + counts["unread"]) or None,
            )
        )
    return steps

"""What the sessions screens add to lower apps: audit labels, panels, home steps."""

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import council as council_page
from units import home
from units.access import COUNCIL_ROLES
from units.audit import register_labels

from .access import OFFICE_ROLES
from .models import Attendance, CouncilMember, Participation, Session, SessionItem

register_labels(
    {
        "awards.council.created": gettext_lazy("Council set up"),
        "awards.council.updated": gettext_lazy("Council changed"),
        "awards.council.member_added": gettext_lazy("Council member added"),
        "awards.council.member_updated": gettext_lazy("Council seat changed"),
        "awards.council.member_removed": gettext_lazy("Council member removed"),
        "awards.session.scheduled": gettext_lazy("Council session scheduled"),
        "awards.session.updated": gettext_lazy("Council session changed"),
        "awards.session.items_added": gettext_lazy("Nominations put on a session's agenda"),
        "awards.session.attendance_recorded": gettext_lazy("Session attendance recorded"),
        "awards.session.opinions_recorded": gettext_lazy("Written opinions recorded"),
        "awards.session.opened": gettext_lazy("Council session opened"),
        "awards.session.closed": gettext_lazy("Council session closed"),
        "awards.ballot.cast": gettext_lazy("Ballot cast"),
        "awards.ballot.recused": gettext_lazy("Member recused on an item"),
        "awards.nomination.put_on_agenda": gettext_lazy("Nomination put on a session's agenda"),
        "awards.nomination.removed_from_agenda": gettext_lazy(
            "Nomination taken off a session's agenda"
        ),
        "awards.nomination.council_passed": gettext_lazy("Nomination approved by the council"),
        "awards.nomination.council_not_passed": gettext_lazy(
            "Nomination not approved by the council"
        ),
    }
)


def _dossier_url(pk):
    from .views.sessions import dossier_url

    return dossier_url(pk)


AGENDA_PREVIEW = 10


@council_page.register
def sessions_panel(request, organizations) -> list[dict]:
    """Sessions to come or open of the councils the user sits on, with their agendas (four
    queries whatever the number of sessions)."""
    user = request.user
    query = Q(council__members__person__user=user)
    for org in organizations:
        query |= Q(council__organization=org)
    sessions = list(
        Session.objects.filter(query)
        .exclude(status=Session.Status.CLOSED)
        .distinct()
        .select_related("council", "campaign")
        .annotate(item_count=Count("items", distinct=True))
        .prefetch_related(
            Prefetch(
                "items",
                # The first items only: a province's session has hundreds; the session's own
                # page lists them all.
                queryset=SessionItem.objects.select_related(
                    "nomination__award_form", "nomination__unit"
                ).order_by("order", "pk")[:AGENDA_PREVIEW],
                to_attr="agenda",
            )
        )
        .order_by("scheduled_at")
    )
    recent = list(
        Session.objects.filter(query, status=Session.Status.CLOSED)
        .distinct()
        .select_related("council")
        .order_by("-closed_at")[:5]
    )
    if not sessions and not recent:
        return []
    seats = {
        m.council_id: m
        for m in CouncilMember.objects.filter(
            person__user=user, council__in={s.council_id for s in sessions}
        )
    }
    present = set(
        Attendance.objects.filter(
            session__in=sessions, member__in=seats.values(), present=True
        ).values_list("session_id", "member_id")
    )
    done = dict(
        Participation.objects.filter(item__session__in=sessions, member__in=seats.values())
        .values("item__session")
        .annotate(n=Count("pk"))
        .values_list("item__session", "n")
    )
    for session in sessions:
        seat = seats.get(session.council_id)
        for item in session.agenda:
            item.dossier_url = _dossier_url(item.nomination_id)
        session.agenda_more = session.item_count - len(session.agenda)
        session.can_vote = (
            session.status == Session.Status.OPEN
            and seat is not None
            and (session.pk, seat.pk) in present
        )
        voted = done.get(session.pk, 0)
        session.left_to_vote = session.item_count - voted if session.can_vote else 0
    return [
        {
            "template": "awards/sessions/_council_panel.html",
            "context": {"sessions": sessions, "recent": recent},
        }
    ]


@home.register
def session_steps(request, access) -> list[home.NextStep]:
    steps = []
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return steps
    office_orgs = access.organizations(OFFICE_ROLES)
    if office_orgs:
        query = Q()
        for org in office_orgs:
            query |= Q(council__organization__path__startswith=org.path)
        counts = Session.objects.filter(query).aggregate(
            scheduled=Count("pk", filter=Q(status=Session.Status.SCHEDULED)),
            open=Count("pk", filter=Q(status=Session.Status.OPEN)),
        )
        steps.append(
            home.NextStep(
                title=_("Council sessions to prepare"),
                description=_(
                    "Set up the council, schedule sessions, build their agendas from accepted "
                    "nominations and record attendance and written opinions."
                ),
                url=reverse("session_list"),
                action_label=_("Prepare sessions"),
                count=(counts["scheduled"] + counts["open"]) or None,
            )
        )
    if access.roles & COUNCIL_ROLES or CouncilMember.objects.filter(person__user=user).exists():
        open_sessions = list(
            Session.objects.filter(
                status=Session.Status.OPEN,
                attendance__present=True,
                attendance__member__person__user=user,
            )
            .annotate(
                items_count=Count("items", distinct=True),
                done=Count(
                    "items__participations",
                    filter=Q(items__participations__member__person__user=user),
                    distinct=True,
                ),
            )
            .order_by("scheduled_at")[:3]
        )
        for session in open_sessions:
            left = session.items_count - session.done
            if left <= 0:
                continue
            steps.append(
                home.NextStep(
                    title=_("Session open: vote"),
                    description=_("“%(title)s” is open: cast your secret ballot on each item.")
                    % {"title": session.title},
                    url=reverse("session_vote", args=[session.pk]),
                    action_label=_("Vote now"),
                    count=left,
                )
            )
    return steps


# --- Restoring a backup -------------------------------------------------------------------------
# The database refuses new rows under a closed session (migration 0004). A restore loads the
# sessions as open, their items, ballots and opinions under them, then closes them again.


def _open_closed_sessions(objects: list[dict]) -> list[dict]:
    for obj in objects:
        if obj["model"] == "awards.session" and obj["fields"].get("status") == "closed":
            obj["fields"]["status"] = "open"
            obj["restore_closed"] = True
    return objects


def _close_them_again(objects: list[dict]) -> None:
    from .models import Session

    closed = [obj["pk"] for obj in objects if obj.get("restore_closed")]
    if closed:
        Session.objects.filter(pk__in=closed).update(status=Session.Status.CLOSED)


def _register_restore_hooks():
    from units.backup import register_restore_hook

    register_restore_hook(before=_open_closed_sessions, after=_close_them_again)


_register_restore_hooks()

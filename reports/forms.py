"""The "generate" forms of the Documents page: one per kind of document, holding only the
subject that kind needs (a year, a period, a session…). Rules stay in reports.jobs."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Decision, Proposal, Session
from campaign.models import ReportingPeriod

from . import jobs
from .models import Kind

# The subject field each kind asks for (none: the campaign itself).
SUBJECT_FIELD = {
    Kind.ANNUAL: "year",
    Kind.FINAL: None,
    Kind.PERIOD: "period",
    Kind.NOMINATIONS: "year",
    Kind.MINUTES: "session",
    Kind.DECISION: "decision",
    Kind.PROPOSAL: "proposal",
}


class DocumentRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None)
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.none(),
        empty_label=None,
    )
    session = forms.ModelChoiceField(
        label=_("Closed council session"), queryset=Session.objects.none(), empty_label=None
    )
    decision = forms.ModelChoiceField(
        label=_("Decision"), queryset=Decision.objects.none(), empty_label=None
    )
    proposal = forms.ModelChoiceField(
        label=_("Proposal"), queryset=Proposal.objects.none(), empty_label=None
    )

    def __init__(self, *args, campaign, kind, **kwargs):
        kwargs.setdefault("prefix", str(kind))
        super().__init__(*args, **kwargs)
        self.campaign, self.kind = campaign, str(kind)
        wanted = SUBJECT_FIELD[kind]
        for name in list(self.fields):
            if name != wanted:
                del self.fields[name]
        if wanted == "year":
            years = jobs.campaign_years(campaign)
            choices = [(year, str(year)) for year in years]
            field = self.fields["year"]
            if kind == Kind.NOMINATIONS:
                field.required = False
                field.choices = [("", _("All years")), *choices]
            else:
                field.choices = choices
                this_year = timezone.localdate().year
                field.initial = min(max(this_year, years[0]), years[-1])
        elif wanted == "period":
            self.fields["period"].queryset = ReportingPeriod.objects.filter(
                campaign=campaign
            ).order_by("-start_date")
        elif wanted == "session":
            self.fields["session"].queryset = Session.objects.filter(
                campaign=campaign, status=Session.Status.CLOSED
            ).order_by("-scheduled_at")
        elif wanted == "decision":
            self.fields["decision"].queryset = Decision.objects.filter(campaign=campaign)
        elif wanted == "proposal":
            self.fields["proposal"].queryset = Proposal.objects.filter(campaign=campaign)

        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
            if isinstance(field, forms.ModelChoiceField):
                # Read the options once: rendering a select asks for them twice.
                field.choices = [(o.pk, field.label_from_instance(o)) for o in field.queryset]

    @property
    def subject(self) -> dict:
        """The cleaned subject as request_report takes it."""
        return {name: value for name, value in self.cleaned_data.items() if value is not None}

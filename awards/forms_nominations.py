"""Forms of the nomination, screening and public posting screens (the rules are in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.forms_setup import StyledFormMixin, style_fields
from campaign.models import AwardForm, Campaign, SubjectType
from units.forms import NFCFormMixin
from units.models import Organization, Person

from . import nominations
from .models import Nomination, PostingComment, Screening


class NomineeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.organization.name}"


class AwardFormChoiceField(forms.ModelChoiceField):
    """Award forms of the campaigns on offer, labelled as the plan writes them."""

    def __init__(self, *args, labels=None, **kwargs):
        self.labels = labels or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk, obj.name)


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class NominationForm(StyledFormMixin, NFCFormMixin, forms.Form):
    """The nominee and the award asked for; with `sections`, the achievement report as well."""

    unit = forms.ModelChoiceField(
        label=_("Proposing unit"), queryset=Organization.objects.none(), empty_label=None
    )
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none())
    award_form = AwardFormChoiceField(label=_("Award form"), queryset=AwardForm.objects.none())
    subject_type = forms.ChoiceField(
        label=_("Subject type"), choices=[("", "---------"), *SubjectType.choices]
    )
    nominee_organization = forms.ModelChoiceField(
        label=_("Collective (a unit)"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("For a collective: your unit or one of the units under it."),
    )
    nominee_person = NomineeChoiceField(
        label=_("Individual"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("For an individual: a person of your unit."),
    )
    household_head = forms.CharField(label=_("Head of household"), max_length=150, required=False)
    household_address = forms.CharField(label=_("Address"), max_length=255, required=False)
    household_commune = forms.CharField(label=_("Commune / ward"), max_length=150, required=False)
    household_contribution = forms.CharField(
        label=_("Contribution"),
        required=False,
        widget=_textarea(),
        help_text=_("What the household contributed, e.g. 1.200 m² of land handed over early."),
    )
    summary = forms.CharField(
        label=_("I. Background"), required=False, widget=_textarea(5), max_length=20000
    )
    achievements = forms.CharField(
        label=_("II. Achievements"), required=False, widget=_textarea(12), max_length=50000
    )
    measures = forms.CharField(
        label=_("Measures and initiatives"), required=False, widget=_textarea(5), max_length=20000
    )
    prior_awards_note = forms.CharField(
        label=_("III. Other awards received"),
        required=False,
        widget=_textarea(3),
        max_length=10000,
        help_text=_("Awards not in the registry (year, form, decision number and date, issuer)."),
    )
    criteria_met = forms.CharField(
        label=_("How the campaign's criteria are met"),
        required=False,
        widget=_textarea(4),
        max_length=10000,
    )

    def __init__(self, *args, units, sections=False, nomination=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        unit_ids = [u.pk for u in units]
        self.fields["unit"].queryset = Organization.objects.filter(pk__in=unit_ids)
        if nomination is not None:
            # The proposing unit does not change once the draft exists.
            del self.fields["unit"]
            units = [nomination.unit]
        campaign_ids: set[int] = set()
        for unit in units:
            campaign_ids |= set(nominations.campaigns_for_unit(unit).values_list("pk", flat=True))
        self.fields["campaign"].queryset = Campaign.objects.filter(pk__in=campaign_ids).order_by(
            "-start_date"
        )
        links = list(nominations.campaign_award_forms(campaign_ids))
        several = len(campaign_ids) > 1
        labels = {}
        for link in links:
            label = link.display_label
            labels.setdefault(
                link.award_form_id,
                f"{label} ({link.campaign.name[:40]}…)" if several else label,
            )
        self.fields["award_form"].labels = labels
        self.fields["award_form"].queryset = AwardForm.objects.filter(
            pk__in=[link.award_form_id for link in links]
        ).order_by("rank", "name")
        paths = [u.path for u in units]
        org_query = Organization.objects.none()
        person_query = Person.objects.none()
        for path in paths:
            org_query |= Organization.objects.filter(path__startswith=path)
            person_query |= Person.objects.filter(organization__path__startswith=path)
        self.fields["nominee_organization"].queryset = org_query.order_by("path")
        self.fields["nominee_person"].queryset = person_query.select_related(
            "organization"
        ).order_by("organization__path", "full_name")
        if not sections:
            for name in nominations.REPORT_FIELDS:
                del self.fields[name]
        if nomination is not None and not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(nomination, name)
            self.initial["campaign"] = nomination.campaign_id
            self.initial["award_form"] = nomination.award_form_id
            self.initial["nominee_organization"] = nomination.nominee_organization_id
            self.initial["nominee_person"] = nomination.nominee_person_id
        elif len(campaign_ids) == 1 and not self.is_bound:
            self.initial["campaign"] = next(iter(campaign_ids))
        style_fields(self)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)

    def attach_errors(self, error) -> None:
        """Puts a service's ValidationError on its fields (or on top of the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in error.messages:
                self.add_error(None, message)
        # Errors added after cleaning must show on the widgets too.
        style_fields(self)


class AttachmentForm(StyledFormMixin, NFCFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX, JPG or PNG."),
        error_messages={"required": _("Choose a file to attach.")},
    )
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class ScreeningForm(StyledFormMixin, NFCFormMixin, forms.ModelForm):
    return_reason = forms.CharField(
        label=_("Reason for return"),
        required=False,
        widget=_textarea(3),
        max_length=5000,
        help_text=_("Required to return the nomination: what the unit must correct."),
    )

    class Meta:
        model = Screening
        fields = [
            "dossier_complete",
            "criteria_met",
            "criteria_evidence",
            "prior_awards_checked",
            "open_discipline",
            "open_investigation",
            "open_complaint",
            "note",
        ]
        widgets = {"criteria_evidence": _textarea(3), "note": _textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class CommentForm(StyledFormMixin, NFCFormMixin, forms.ModelForm):
    class Meta:
        model = PostingComment
        fields = ["author_name", "contact", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 3000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = 3000
        self.fields["body"].validators.append(forms.fields.validators.MaxLengthValidator(3000))
        self.fields["contact"].help_text = _(
            "Optional; the office uses it only to ask you about your comment."
        )
        style_fields(self)


class NominationFilterForm(forms.Form):
    """Filters of the lists (unvalidated values are ignored)."""

    campaign = forms.IntegerField(required=False)
    award_form = forms.IntegerField(required=False)
    subject_type = forms.ChoiceField(required=False, choices=[("", ""), *SubjectType.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", ""), ("all", ""), *Nomination.Status.choices]
    )

    def value(self, name):
        if not self.is_valid():
            return None
        return self.cleaned_data.get(name) or None

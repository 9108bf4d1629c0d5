"""Forms of the decisions, proposals and registry screens. The rules live in
awards.decisions and awards.registry; these only parse what the office typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.forms_setup import date_field
from campaign.models import AwardForm, Campaign, SubjectType
from units.forms import NFCFormMixin
from units.models import Organization, Person


class NominationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.nominee_name} — {obj.unit.name} ({obj.get_subject_type_display()})"


class _NominationsForm(NFCFormMixin, forms.Form):
    nominations = NominationChoiceField(
        label=_("Nominations"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one nomination."),
            "invalid_choice": _("Choose the nominations from the list."),
            "invalid_pk_value": _("Choose the nominations from the list."),
        },
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations


class DecisionForm(_NominationsForm):
    date = date_field(
        _("Date of the decision"),
        help_text=_("Prize money uses the base salary in force on this date."),
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = forms.CharField(
        label=_("Signer's title"),
        max_length=150,
        help_text=_("E.g. “GIÁM ĐỐC”, or “PHÓ GIÁM ĐỐC” when a deputy signs for the director."),
    )
    signer_authority = forms.CharField(
        label=_("Signing authority"),
        max_length=100,
        required=False,
        help_text=_("E.g. “KT. GIÁM ĐỐC” when a deputy signs for the director; empty otherwise."),
    )
    authority = forms.CharField(
        label=_("Deciding authority"),
        max_length=255,
        help_text=_("Printed above the legal bases, e.g. “Giám đốc Sở Tài nguyên và Môi trường”."),
    )


class ProposalForm(_NominationsForm):
    date = date_field(_("Date of the proposal"))
    recipient = forms.CharField(
        label=_("Sent to"), max_length=255, help_text=_("Printed after “Kính gửi:”.")
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    signer_authority = forms.CharField(
        label=_("Signing authority"),
        max_length=100,
        required=False,
        help_text=_("E.g. “KT. GIÁM ĐỐC” when a deputy signs for the director; empty otherwise."),
    )


class OutcomeForm(NFCFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Decision number and symbol"),
        max_length=60,
        help_text=_("As printed on the higher level's decision, e.g. 1234/QĐ-UBND."),
    )
    date = date_field(
        _("Decision date"), help_text=_("Prize money uses the base salary in force on this date.")
    )
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=255,
        help_text=_("E.g. “Chủ tịch UBND tỉnh Lạng Sơn”."),
    )
    approved = NominationChoiceField(
        label=_("Approved nominees"),
        queryset=None,
        required=False,
        help_text=_("Tick those the decision awards; the others are recorded as not approved."),
        error_messages={
            "invalid_choice": _("Choose the nominations from the list."),
            "invalid_pk_value": _("Choose the nominations from the list."),
        },
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved"].queryset = nominations


class ManualAwardForm(NFCFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label=_("Registry of"), queryset=None, empty_label=None)
    award_form = forms.ModelChoiceField(
        label=_("Award form"), queryset=AwardForm.objects.order_by("rank", "name")
    )
    subject_type = forms.ChoiceField(label=_("Subject type"), choices=SubjectType.choices)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        required=False,
        help_text=_("For an individual: choose them to link the award to their history."),
    )
    organization = forms.ModelChoiceField(
        label=_("Collective"),
        queryset=None,
        required=False,
        help_text=_("For a collective: choose the unit to link the award to its history."),
    )
    recipient_name = forms.CharField(
        label=_("Recipient's name"),
        max_length=255,
        required=False,
        help_text=_("Empty to use the name of the person or unit chosen above."),
    )
    household_address = forms.CharField(
        label=_("Household address"), max_length=255, required=False
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        empty_label=_("— none (not a campaign award) —"),
    )
    decision_number = forms.CharField(label=_("Decision number and symbol"), max_length=60)
    decision_date = date_field(_("Decision date"))
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1945,
        max_value=2200,
        required=False,
        help_text=_("Empty: the year of the decision."),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=255)
    prize_amount = forms.IntegerField(
        label=_("Prize money (VND)"), min_value=0, max_value=10**12, required=False
    )
    thematic = forms.BooleanField(
        label=_("Campaign (thematic) award"),
        required=False,
        initial=True,
        help_text=_("A campaign award is not grounds for higher merit awards."),
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        owner_ids = [o.pk for o in owners]
        self.fields["owner"].queryset = Organization.objects.filter(pk__in=owner_ids)
        if len(owner_ids) == 1:
            self.fields["owner"].initial = owner_ids[0]
            self.fields["owner"].widget = forms.HiddenInput()
        paths = Organization.objects.filter(pk__in=owner_ids).values_list("path", flat=True)
        within = Organization.objects.none()
        people = Person.objects.none()
        for path in paths:
            within = within | Organization.objects.filter(path__startswith=path)
            people = people | Person.objects.filter(organization__path__startswith=path)
        self.fields["organization"].queryset = within.order_by("path")
        self.fields["person"].queryset = people.select_related("organization").order_by("full_name")
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} — {p.organization.name}"
        )
        self.fields["campaign"].queryset = Campaign.objects.filter(
            issuing_organization_id__in=owner_ids
        ).order_by("-start_date", "name")

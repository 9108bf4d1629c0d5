from dataclasses import dataclass, field

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from units.forms import NFCFormMixin

from .forms_setup import DATE_ERRORS, DATE_INPUT_FORMATS, date_widget
from .models import (
    PLAN_FIELDS,
    AwardForm,
    Campaign,
    CampaignAwardForm,
    ContentItem,
    LegalBasis,
    LegalDocument,
    PlanStatement,
    SubjectCategory,
)

DATE_WIDGET = date_widget()


class CampaignForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["issuing_organization", "code", *PLAN_FIELDS]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "basis_closing": forms.Textarea(attrs={"rows": 2}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "content_intro": forms.Textarea(attrs={"rows": 2}),
            "timeline_text": forms.Textarea(attrs={"rows": 3}),
            "award_procedure_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["issuing_organization"].queryset = organizations
        if self.instance.pk:
            # The issuer and the code identify a plan once it exists.
            self.fields["issuing_organization"].disabled = True
            self.fields["code"].disabled = True
        for name in ("start_date", "end_date"):
            self.fields[name].widget = date_widget()
            self.fields[name].input_formats = [*DATE_INPUT_FORMATS, "%Y-%m-%d"]
            self.fields[name].error_messages.update(DATE_ERRORS)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Document"),
                Div(
                    Div("issuing_organization", css_class="col-md-6"),
                    Div("code", css_class="col-md-6"),
                    css_class="row",
                ),
                "parent_body_name",
                Div(
                    Div("doc_number", css_class="col-sm-4"),
                    Div("doc_type_abbreviation", css_class="col-sm-4"),
                    Div("issuer_abbreviation", css_class="col-sm-4"),
                    css_class="row",
                ),
                Div(
                    Div("place_name", css_class="col-sm-6 col-md-3"),
                    Div("issued_day", css_class="col-4 col-md-3"),
                    Div("issued_month", css_class="col-4 col-md-3"),
                    Div("issued_year", css_class="col-4 col-md-3"),
                    css_class="row",
                ),
                "doc_type_title",
                "summary",
                "name",
            ),
            Fieldset(_("Opening"), "basis_lead", "basis_closing", "introduction", "content_intro"),
            Fieldset(
                _("Timeline (section IV)"),
                Div(
                    Div("start_date", css_class="col-sm-6"),
                    Div("end_date", css_class="col-sm-6"),
                    css_class="row",
                ),
                "timeline_text",
                "annual_reviews",
                Div(
                    Div("final_review_year", css_class="col-sm-6"),
                    Div("final_review_quarter", css_class="col-sm-6"),
                    css_class="row",
                ),
            ),
            Fieldset(_("Awards (section V)"), "award_procedure_text"),
            Fieldset(
                _("Signature"),
                Div(
                    Div("signer_authority", css_class="col-md-4"),
                    Div("signer_title", css_class="col-md-4"),
                    Div("signer_name", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
        )


# --- Ordered sections edited as formsets ------------------------------------------------


class SectionFormSet(forms.BaseInlineFormSet):
    """Checks what the database would refuse, with errors a secretariat can act on."""

    section: "Section"

    def clean(self):
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and (form.has_changed() or form.instance.pk)
            and not (self.can_delete and self._should_delete_form(form))
        ]
        if len(kept) < self.section.min_rows:
            raise ValidationError(
                _("This section is required: enter at least %(count)d entry.")
                % {"count": self.section.min_rows}
            )
        if "order" in self.section.fields:
            # Rows typed without a position go after the others, in the order shown.
            last = max((f.cleaned_data.get("order") or 0 for f in kept), default=0)
            for form in kept:
                if form.cleaned_data.get("order") is None:
                    last += 1
                    form.cleaned_data["order"] = last
                    form.instance.order = last
        unique = self.section.unique_field
        if unique:
            seen: dict = {}
            for form in kept:
                value = form.cleaned_data.get(unique)
                if value in (None, ""):
                    continue
                if value in seen:
                    form.add_error(unique, self.section.duplicate_message)
                    seen[value].add_error(unique, self.section.duplicate_message)
                else:
                    seen[value] = form
            if any(self.errors):
                return
        super().clean()


@dataclass
class Section:
    slug: str
    title: str
    model: type
    fields: list[str]
    help: str = ""
    kind: str | None = None
    min_rows: int = 0
    unique_field: str | None = None
    duplicate_message: str = ""
    widgets: dict = field(default_factory=dict)

    def queryset(self, campaign):
        qs = self.model.objects.filter(campaign=campaign)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        return qs

    def formset(self, campaign, data=None):
        section = self

        class Form(NFCFormMixin, forms.ModelForm):
            class Meta:
                model = section.model
                # A copy: the inline formset appends its foreign key to this list.
                fields = list(section.fields)
                widgets = section.widgets

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "award_form" in self.fields:
                    self.fields["award_form"].queryset = AwardForm.objects.all()
                if "document" in self.fields:
                    self.fields["document"].queryset = LegalDocument.objects.all()
                if "order" in self.fields:
                    self.fields["order"].required = False
                for name, form_field in self.fields.items():
                    widget = form_field.widget
                    if isinstance(widget, forms.CheckboxInput):
                        css = "form-check-input"
                    elif isinstance(widget, forms.Select):
                        css = "form-select"
                    else:
                        css = "form-control"
                    widget.attrs["class"] = css
                    if name in ("text", "criteria", "description", "label"):
                        widget.attrs.setdefault("lang", "vi")

            def full_clean(self):
                super().full_clean()
                for name in self.errors:
                    if name in self.fields:
                        attrs = self.fields[name].widget.attrs
                        attrs["class"] = attrs.get("class", "") + " is-invalid"
                        attrs["aria-invalid"] = "true"
                if section.kind:
                    self.instance.kind = section.kind

        formset_class = forms.inlineformset_factory(
            Campaign,
            self.model,
            form=Form,
            formset=SectionFormSet,
            fields=list(self.fields),
            extra=2,
            can_delete=True,
        )
        formset_class.section = self
        return formset_class(data=data, instance=campaign, queryset=self.queryset(campaign))

    def describe(self, campaign) -> list[dict]:
        rows = []
        for obj in self.queryset(campaign):
            row = {}
            for name in self.fields:
                value = (
                    getattr(obj, f"{name}_id", None)
                    if name in ("award_form", "document")
                    else getattr(obj, name)
                )
                row[name] = value
            rows.append(row)
        return rows


TEXT_AREA = forms.Textarea(attrs={"rows": 3})
SHORT_NUMBER = forms.NumberInput(attrs={"min": 0, "class": "order-input"})


def _statement_section(slug, title, kind, help_text="", min_rows=0):
    return Section(
        slug=slug,
        title=title,
        model=PlanStatement,
        fields=["order", "text"],
        kind=kind,
        help=help_text,
        min_rows=min_rows,
        widgets={"text": TEXT_AREA, "order": SHORT_NUMBER},
    )


SECTIONS = {
    section.slug: section
    for section in [
        Section(
            slug="can-cu",
            title=_("Legal bases"),
            model=LegalBasis,
            fields=["order", "document", "text"],
            help=_("Each basis as cited in the plan, in order."),
            widgets={"text": TEXT_AREA, "order": SHORT_NUMBER},
        ),
        _statement_section("muc-dich", _("Purposes (I.1)"), PlanStatement.Kind.PURPOSE, min_rows=1),
        _statement_section("yeu-cau", _("Requirements (I.2)"), PlanStatement.Kind.REQUIREMENT),
        Section(
            slug="noi-dung",
            title=_("Content items (II)"),
            model=ContentItem,
            fields=["number", "text"],
            help=_("The numbered work of the campaign; tasks are assigned against these items."),
            unique_field="number",
            duplicate_message=_("This number is used twice: each content item needs its own."),
            widgets={"text": TEXT_AREA, "number": SHORT_NUMBER},
        ),
        _statement_section("giai-phap", _("Solutions (III)"), PlanStatement.Kind.SOLUTION),
        Section(
            slug="doi-tuong",
            title=_("Subjects and criteria (V.1)"),
            model=SubjectCategory,
            fields=["order", "subject_type", "label", "description", "criteria"],
            min_rows=1,
            unique_field="subject_type",
            duplicate_message=_("Each subject type may appear only once."),
            widgets={
                "description": forms.Textarea(attrs={"rows": 2}),
                "criteria": TEXT_AREA,
                "order": SHORT_NUMBER,
            },
        ),
        Section(
            slug="hinh-thuc",
            title=_("Award forms (V.2)"),
            model=CampaignAwardForm,
            fields=["order", "award_form", "label"],
            unique_field="award_form",
            duplicate_message=_("This award form is already listed."),
            widgets={"order": SHORT_NUMBER},
        ),
        _statement_section(
            "to-chuc", _("Organization of implementation (VI)"), PlanStatement.Kind.RESPONSIBILITY
        ),
        _statement_section(
            "noi-nhan",
            _("Recipients"),
            PlanStatement.Kind.RECIPIENT,
            help_text=_(
                "One recipient per line, without the leading dash; the last is the archive."
            ),
        ),
    ]
}

"""Forms of the campaign set-up screens: key projects, tasks and indicators, bulk assignment,
reporting periods. Dates are typed dd/mm/yyyy; figures the Vietnamese way (1.234,5)."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from units.forms import NFCFormMixin
from units.models import Organization
from units.text import normalize_number_text

from . import setup
from .models import ContentItem, Indicator, KeyProject, ReportingPeriod, Task

# Units of measure offered while typing (a <datalist>); anything else may be typed.
UNITS_OF_MEASURE = ("ha", "hộ", "hồ sơ", "tỷ đồng", "tổ chức", "lô", "m²", "phương án")

# Day first, always. A phone's number pad may have no "/" key: "31.12.2025" and "31-12-2025"
# are read the same (an ISO date such as 2025-12-31 never matches: 2025 is no day).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
DATE_ERRORS = {"invalid": _("Enter the date as dd/mm/yyyy, e.g. 31/12/2025.")}
# 24-hour times as written in Vietnamese documents: "09:00", "9:00", "9h00", "9h".
TIME_INPUT_FORMATS = ["%H:%M", "%Hh%M", "%H.%M", "%Hh"]
DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def date_widget():
    # A text input, never type="date": Chromium shows that one in the browser's locale order
    # (mm/dd/yyyy on an English system) whatever the page's language.
    return forms.DateInput(format="%d/%m/%Y", attrs=dict(DATE_ATTRS))


class DateTimeTextWidget(forms.SplitDateTimeWidget):
    """A date (dd/mm/yyyy) and a time (HH:MM) typed side by side in two text inputs, in place
    of type="datetime-local". The field's label is the legend of their fieldset; each input
    names its part for screen readers."""

    def __init__(self, attrs=None):
        inline = "d-inline-block w-auto me-2"
        super().__init__(
            attrs,
            date_format="%d/%m/%Y",
            time_format="%H:%M",
            date_attrs={
                **DATE_ATTRS,
                "class": inline,
                "size": 10,
                "aria-label": _("Date (dd/mm/yyyy)"),
            },
            time_attrs={
                "placeholder": "HH:MM",
                "inputmode": "numeric",
                "autocomplete": "off",
                "class": inline,
                "size": 5,
                "aria-label": _("Time (HH:MM, 24-hour)"),
            },
        )


_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


class DayFirstDateField(forms.DateField):
    """A dd/mm/yyyy date; a well-formed day that the calendar does not have (31/02/2026) is
    said as such, not as a wrong format."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            shape = _DAY_MONTH_YEAR.match(str(value or ""))
            if shape and 1 <= int(shape[2]) <= 12 and 1 <= int(shape[1]) <= 31:
                raise ValidationError(
                    _("There is no %(value)s in the calendar: check the day and the month."),
                    code="invalid",
                    params={"value": str(value).strip()},
                ) from None
            raise


def date_field(label, required=True, help_text=""):
    return DayFirstDateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        widget=date_widget(),
        help_text=help_text,
    )


def datetime_field(label, required=True, help_text=""):
    """A date and a time typed as two text inputs (DateTimeTextWidget); the value is an aware
    datetime in the portal's time zone."""
    field = forms.SplitDateTimeField(
        label=label,
        required=required,
        input_date_formats=DATE_INPUT_FORMATS,
        input_time_formats=TIME_INPUT_FORMATS,
        error_messages={
            "required": _("Enter the date (dd/mm/yyyy) and the time (HH:MM)."),
            "incomplete": _("Enter the date (dd/mm/yyyy) and the time (HH:MM)."),
            "invalid_date": DATE_ERRORS["invalid"],
            "invalid_time": _("Enter the time as HH:MM, e.g. 09:00."),
        },
        widget=DateTimeTextWidget(),
        help_text=help_text,
    )
    date_part, time_part = field.fields
    field.fields = (
        DayFirstDateField(
            input_formats=DATE_INPUT_FORMATS,
            error_messages=date_part.error_messages,
            required=False,
        ),
        time_part,
    )
    return field


class LocalDecimalField(forms.DecimalField):
    """A figure typed as an official writes it ("1.234,5", "2,5"; see normalize_number_text),
    shown back without grouping so that it reads the same when submitted again."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        messages = {
            "invalid": _("Enter a number ≥ 0."),
            "min_value": _("Enter a number ≥ 0."),
            "max_digits": _("This number is too large."),
            "max_whole_digits": _("This number is too large."),
            "max_decimal_places": _("Use at most %(max)s decimal places."),
        }
        messages.update(kwargs.pop("error_messages", {}))
        kwargs["error_messages"] = messages
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(*args, localize=False, **kwargs)
        self.widget.attrs.pop("step", None)

    def to_python(self, value):
        if isinstance(value, str):
            value = normalize_number_text(value)
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f")
            if "." in text:
                whole, frac = text.split(".")
                return f"{whole}{get_format('DECIMAL_SEPARATOR')}{frac}"
            return text
        return value


def count_field(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        initial=0,
        error_messages={
            "invalid": _("Enter a whole number ≥ 0."),
            "min_value": _("Enter a whole number ≥ 0."),
            "required": _("Enter a whole number ≥ 0 (0 when there is none)."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def style_fields(form):
    """Bootstrap classes on every widget, and the marks of an invalid field."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "").split()
        if css not in classes:
            classes.append(css)
        if form.is_bound and form._errors is not None and name in form._errors:
            if "is-invalid" not in classes:
                classes.append("is-invalid")
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = " ".join(classes)


class StyledFormMixin:
    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            style_fields(self)


# --- Key projects -------------------------------------------------------------------------------


class KeyProjectForm(StyledFormMixin, NFCFormMixin, forms.ModelForm):
    land_area_ha = LocalDecimalField(
        label=_("Land area to recover (ha)"), max_digits=12, decimal_places=2, initial=0
    )
    compensation_estimate = LocalDecimalField(
        label=_("Compensation estimate (billion VND)"), max_digits=14, decimal_places=3, initial=0
    )
    affected_households = count_field(_("Affected households"))
    affected_organizations = count_field(_("Affected organizations"))
    resettlement_lots = count_field(_("Resettlement lots"))
    handover_deadline = date_field(_("Hand-over deadline"), required=False)

    class Meta:
        model = KeyProject
        fields = list(setup.PROJECT_FIELDS)
        error_messages = {
            "name": {"required": _("Enter the project's name.")},
            "code": {
                "required": _("Enter a short code for the project."),
                "invalid": _(
                    "Use only unaccented letters, digits and hyphens, e.g. cao-toc-dong-dang."
                ),
            },
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "Unaccented letters, digits and hyphens; unique within the organization."
        )
        owner = self.fields["organization"]
        owner.label = _("Followed by")
        owner.error_messages["required"] = _("Choose the organization that follows the project.")
        if self.instance.pk:
            # A project's owner decides who sees it; it does not move between organizations.
            owner.queryset = Organization.objects.filter(pk=self.instance.organization_id)
            owner.disabled = True
        else:
            owner.queryset = owners if owners is not None else Organization.objects.none()
            choices = list(owner.queryset[:2])
            if len(choices) == 1:
                # One organization to choose from: no question to ask.
                self.instance.organization = choices[0]
                del self.fields["organization"]
        for name in ("name", "investor", "location"):
            self.fields[name].widget.attrs["lang"] = "vi"
        style_fields(self)

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().lower()

    def clean(self):
        cleaned = super().clean()
        org = cleaned.get("organization") or (
            self.instance.organization if self.instance.organization_id else None
        )
        code = cleaned.get("code")
        if org is not None and code:
            clash = KeyProject.objects.filter(organization=org, code=code).exclude(
                pk=self.instance.pk
            )
            other = clash.first()
            if other is not None:
                self.add_error(
                    "code",
                    _("This code is already used by the project “%(name)s”.")
                    % {"name": other.name},
                )
        return cleaned


class ProjectSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


# --- Tasks and indicators -----------------------------------------------------------------------


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown as a tree: each level indented under its parent."""

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.root_depth = root.path.count("/") if root is not None else 0

    def label_from_instance(self, obj):
        depth = max(obj.path.count("/") - self.root_depth - 1, 0)
        return "\u2003" * depth + obj.name


class UnitCheckboxes(forms.CheckboxSelectMultiple):
    root_depth = 0

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        depth = max(instance.path.count("/") - self.root_depth - 1, 0) if instance else 0
        option["indent"] = ("ms-0", "ms-4", "ms-5")[min(depth, 2)]
        option["unit_name"] = label
        return option


class UnitsField(forms.ModelMultipleChoiceField):
    widget = UnitCheckboxes

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.root_depth = root.path.count("/") if root is not None else 0

    def label_from_instance(self, obj):
        return obj.name


class ContentItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = obj.text if len(obj.text) <= 110 else obj.text[:107] + "…"
        return f"{obj.number}. {text}"

    def use_items(self, items) -> None:
        """Offers `items`, already read, so that the select needs no query of its own (a value
        sent back is still checked against the queryset)."""
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        self.choices = empty + [(item.pk, self.label_from_instance(item)) for item in items]


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


def _task_fields(form, campaign, *, keep_unit=None):
    """The choice fields every task form shares, limited to this campaign."""
    org = campaign.issuing_organization
    items = list(ContentItem.objects.filter(campaign=campaign))
    # Without content items on record (the Hà Nam seed) the field is optional and disabled: the
    # task is tied to none, and a value sent anyway is ignored.
    form.content_items_on_record = bool(items)
    form.fields["content_item"] = ContentItemChoiceField(
        label=_("Content item"),
        queryset=ContentItem.objects.filter(campaign=campaign),
        empty_label=_("— choose a content item —"),
        required=bool(items),
        disabled=not items,
        error_messages={
            "required": _("Choose the content item the task implements."),
            "invalid_choice": _("Choose a content item of this campaign."),
        },
    )
    form.fields["content_item"].use_items(items)
    form.fields["project"] = ProjectChoiceField(
        label=_("Key project"),
        queryset=setup.campaign_projects(campaign),
        required=False,
        empty_label=_("— none —"),
        error_messages={
            "invalid_choice": _("This key project is not followed by the issuing organization.")
        },
    )
    if "unit" in form.fields:
        form.fields["unit"] = UnitChoiceField(
            label=_("Responsible unit"),
            queryset=setup.responsible_units(campaign, keep=keep_unit),
            root=org,
            empty_label=_("— choose a unit —"),
            error_messages={
                "required": _("Choose the responsible unit."),
                "invalid_choice": _(
                    "Tasks can only be given to units under the issuing organization."
                ),
            },
        )
    form.fields["start_date"] = date_field(_("Start date"))
    form.fields["deadline"] = date_field(_("Deadline"))
    form.fields["start_date"].error_messages["required"] = _("Enter the start date.")
    form.fields["deadline"].error_messages["required"] = _("Enter the deadline.")
    form.fields["title"].error_messages["required"] = _("Enter the task.")
    form.fields["title"].widget.attrs["lang"] = "vi"
    form.fields["description"].widget = forms.Textarea(attrs={"rows": 3, "lang": "vi"})


def _date_errors(form, campaign):
    # On a model form Task.clean already refuses an inverted range: say it only once.
    errors = setup.task_date_errors(
        campaign,
        form.cleaned_data.get("start_date"),
        form.cleaned_data.get("deadline"),
        check_order=not isinstance(form, forms.ModelForm),
    )
    for name, message in errors.items():
        form.add_error(name, message)


class TaskForm(StyledFormMixin, NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = list(setup.TASK_FIELDS)
        labels = {"title": _("Task")}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        # Task.clean checks the content item against the campaign: it must know it.
        self.instance.campaign = campaign
        _task_fields(self, campaign, keep_unit=self.instance.unit_id)
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        _date_errors(self, self.campaign)
        unit = cleaned.get("unit")
        if (
            self.instance.pk
            and unit is not None
            and unit.pk != self.instance.unit_id
            and setup.task_has_reports(self.instance)
        ):
            self.add_error(
                "unit",
                _(
                    "The responsible unit cannot be changed: the unit has already reported on "
                    "this task."
                ),
            )
        return cleaned


class IndicatorForm(StyledFormMixin, NFCFormMixin, forms.ModelForm):
    target = LocalDecimalField(
        label=_("Target"),
        max_digits=16,
        decimal_places=3,
        error_messages={
            "required": _("Enter the target."),
            "invalid": _("The target must be a number ≥ 0."),
            "min_value": _("The target must be a number ≥ 0."),
        },
    )

    class Meta:
        model = Indicator
        fields = ["name", "unit_of_measure", "target", "kind"]
        error_messages = {
            "name": {"required": _("Enter the indicator's name.")},
            "unit_of_measure": {"required": _("Enter the unit of measure (ha, hộ, hồ sơ …).")},
        }
        labels = {"name": _("Indicator")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_of_measure"].widget.attrs.update(
            {"list": "units-of-measure", "autocomplete": "off"}
        )
        self.fields["unit_of_measure"].help_text = ""
        self.fields["name"].widget.attrs["lang"] = "vi"
        self.fields["target"].widget.attrs["class"] = "text-end"
        style_fields(self)


class IndicatorRowsMixin:
    """At least one indicator; rows left empty are ignored."""

    def kept_rows(self):
        rows = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.has_changed() or form.instance.pk:
                rows.append(form)
        return rows

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.kept_rows():
            raise ValidationError(_("Enter at least one indicator for the task."))


class IndicatorInlineFormSet(IndicatorRowsMixin, forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Indicators with reported values: their rows offer no "remove" box.
        self.reported_ids = setup.reported_indicator_ids(self.instance)

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        reported = self.reported_ids
        for form in self.deleted_forms:
            if form.instance.pk in reported:
                raise ValidationError(
                    _(
                        "The indicator “%(name)s” already holds reported values and cannot be "
                        "removed."
                    )
                    % {"name": form.initial.get("name") or form.instance.name}
                )


class IndicatorTemplateFormSet(IndicatorRowsMixin, forms.BaseFormSet):
    can_delete = False


def indicator_formset(task, data=None):
    formset_class = forms.inlineformset_factory(
        Task,
        Indicator,
        form=IndicatorForm,
        formset=IndicatorInlineFormSet,
        extra=1 if task.pk else 3,
        can_delete=True,
        max_num=30,
        validate_max=True,
    )
    return formset_class(
        data=data,
        instance=task,
        prefix="indicators",
        queryset=Indicator.objects.filter(task=task) if task.pk else Indicator.objects.none(),
    )


def template_indicator_formset(data=None):
    formset_class = forms.formset_factory(
        IndicatorForm, formset=IndicatorTemplateFormSet, extra=3, max_num=30, validate_max=True
    )
    return formset_class(data=data, prefix="indicators")


class BulkAssignForm(StyledFormMixin, NFCFormMixin, forms.Form):
    content_item = forms.Field()  # replaced in __init__
    project = forms.Field()
    title = forms.CharField(label=_("Task"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False)
    start_date = forms.Field()
    deadline = forms.Field()

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        _task_fields(self, campaign)
        self.fields["units"] = UnitsField(
            label=_("Responsible units"),
            queryset=setup.responsible_units(campaign),
            root=campaign.issuing_organization,
            error_messages={
                "required": _("Choose at least one unit."),
                "invalid_choice": _(
                    "Tasks can only be given to units under the issuing organization."
                ),
                "invalid_pk_value": _(
                    "Tasks can only be given to units under the issuing organization."
                ),
            },
        )
        style_fields(self)

    def clean(self):
        cleaned = super().clean()
        _date_errors(self, self.campaign)
        return cleaned

    def template_data(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in (
                "content_item",
                "project",
                "title",
                "description",
                "start_date",
                "deadline",
            )
        }


class TaskFilterForm(forms.Form):
    """The filters of the task list (GET); a value that is not valid is simply ignored."""

    item = forms.ModelChoiceField(queryset=ContentItem.objects.none(), required=False)
    unit = forms.ModelChoiceField(queryset=Organization.objects.none(), required=False)
    project = forms.ModelChoiceField(queryset=KeyProject.objects.none(), required=False)
    q = forms.CharField(label=_("Task contains"), required=False, max_length=100)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        org = campaign.issuing_organization
        items = list(ContentItem.objects.filter(campaign=campaign))
        self.content_items_on_record = bool(items)
        if items:
            self.fields["item"] = ContentItemChoiceField(
                label=_("Content item"),
                queryset=ContentItem.objects.filter(campaign=campaign),
                required=False,
                empty_label=_("All content items"),
            )
            self.fields["item"].use_items(items)
        else:
            del self.fields["item"]  # nothing to filter by
        self.fields["unit"] = UnitChoiceField(
            label=_("Responsible unit"),
            queryset=Organization.objects.subtree_of(org).exclude(pk=org.pk),
            root=org,
            required=False,
            empty_label=_("All units"),
        )
        self.fields["project"] = ProjectChoiceField(
            label=_("Key project"),
            queryset=setup.campaign_projects(campaign),
            required=False,
            empty_label=_("All projects"),
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def filters(self) -> dict:
        """The valid filters only: a stale or forged value in the address is dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }


# --- Reporting periods --------------------------------------------------------------------------


class GeneratePeriodsForm(StyledFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("Frequency"),
        choices=ReportingPeriod.Frequency.choices,
        initial=ReportingPeriod.Frequency.MONTHLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose monthly or quarterly."),
            "invalid_choice": _("Choose monthly or quarterly."),
        },
    )
    due_days = forms.IntegerField(
        label=_("Due (days after the period's end)"),
        min_value=0,
        max_value=setup.DUE_DAYS_MAX,
        initial=5,
        help_text=_("E.g. 5: the report of March is due on 5 April."),
        widget=forms.NumberInput(attrs={"min": 0, "max": setup.DUE_DAYS_MAX}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        message = gettext("Enter a whole number of days from 0 to %(max)d.") % {
            "max": setup.DUE_DAYS_MAX
        }
        for code in ("required", "invalid", "min_value", "max_value"):
            self.fields["due_days"].error_messages[code] = message
        style_fields(self)


class PeriodDueDateForm(StyledFormMixin, forms.Form):
    due_date = date_field(_("Due date"))

    def __init__(self, *args, period, **kwargs):
        kwargs.setdefault("initial", {"due_date": period.due_date})
        super().__init__(*args, **kwargs)
        self.period = period
        self.fields["due_date"].error_messages["required"] = _("Enter the due date.")
        style_fields(self)

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.period.end_date:
            raise ValidationError(
                _("The due date must not be before the last day of the period (%(end)s).")
                % {"end": setup.fmt_date(self.period.end_date)}
            )
        return due
